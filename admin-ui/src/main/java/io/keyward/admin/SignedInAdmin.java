package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The administrator of this request, from the OIDC security context elytron-oidc-client established: the delegated
 * access token the admin center calls Graph with, their name, and their directory roles (the token's {@code wids}).
 */
public record SignedInAdmin(String accessToken, String idToken, String name, String userPrincipalName, Set<AdminRole> roles) {

    /** The signed-in administrator, or empty when the request carries no OIDC security context. */
    public static Optional<SignedInAdmin> of(HttpServletRequest request) {
        Object attribute = request.getAttribute(OidcSecurityContext.class.getName());
        OidcSecurityContext context = attribute instanceof OidcSecurityContext c ? c
                : request.getUserPrincipal() instanceof OidcPrincipal<?> p ? p.getOidcSecurityContext() : null;
        if (context == null || context.getTokenString() == null) {
            return Optional.empty();
        }
        return Optional.of(fromTokens(context.getTokenString(), context.getIDTokenString()));
    }

    /** Reads the claims the pages need. The tokens came from Keyward's token endpoint; Graph verifies the access token on every call. */
    static SignedInAdmin fromTokens(String accessToken, String idToken) {
        JsonObject access = claims(accessToken);
        JsonObject id = idToken == null ? access : claims(idToken);
        Set<AdminRole> roles = EnumSet.noneOf(AdminRole.class);
        JsonValue wids = access.get("wids");
        if (wids != null && wids.getValueType() == JsonValue.ValueType.ARRAY) {
            wids.asJsonArray().getValuesAs(JsonString.class).forEach(w -> AdminRole.byTemplateId(w.getString()).ifPresent(roles::add));
        }
        String upn = id.getString("preferred_username", access.getString("upn", access.getString("sub", "")));
        return new SignedInAdmin(accessToken, idToken, id.getString("name", upn), upn, roles);
    }

    public boolean isAdmin() {
        return !roles.isEmpty();
    }

    public boolean can(AdminRole.Capability capability) {
        return roles.stream().anyMatch(r -> r.allows(capability));
    }

    public String roleNames() {
        return roles.stream().map(AdminRole::displayName).collect(Collectors.joining(", "));
    }

    public List<AdminRole> roleList() {
        return List.copyOf(roles);
    }

    private static JsonObject claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }
}
