package io.keyward.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.token.ClientType;
import io.keyward.server.token.Grant;
import io.keyward.server.token.GrantRefused;
import io.keyward.server.token.Grants;
import io.keyward.server.token.RequestedScopes;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.token.AccessTokens;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.ClientApplication;
import io.keyward.server.token.IssuedToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: the OAuth 2.0 token endpoint. Grants: client credentials (RFC 6749 §4.4)
 * for the scope {@code {graph resource}/.default} (or {@code https://graph.microsoft.com/.default}, its alias),
 * authorization code with PKCE (§4.1.3, RFC 7636) and refresh token with rotation (§6). Confidential clients
 * authenticate with {@code client_secret_post} or {@code client_secret_basic}; public clients send only their
 * {@code client_id} and prove PKCE.
 */
@RequestScoped
@Path("{tenant}/oauth2/v2.0/token")
public class TokenEndpoint {

    /** A form is a few hundred bytes; anything near this is not a token request. */
    static final int MAX_FORM_BYTES = 16 * 1024;
    /** No parameter of a client credentials request is longer (client ids are GUIDs, secrets 40 characters). */
    static final int MAX_PARAMETER_CHARS = 1024;

    @Inject
    TenantService tenants;

    @Inject
    AppRegistrations apps;

    @Inject
    AccessTokens tokens;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    @Inject
    Grants grants;

    private static final Logger LOG = Logger.getLogger(TokenEndpoint.class.getName());

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@PathParam("tenant") String tenant, @HeaderParam("Authorization") String authorization,
                          @HeaderParam("Content-Length") Long length, MultivaluedMap<String, String> form) {
        if (length != null && length > MAX_FORM_BYTES) {
            throw new OAuthError(413, "invalid_request", "The request body is larger than the " + MAX_FORM_BYTES + " bytes a token request may have.");
        }
        if (!tenants.matches(tenant)) {
            throw new OAuthError(400, "invalid_request", "Tenant " + OAuthError.quote(tenant) + " not found. Use the tenant id or its domain.");
        }
        String grantType = single(form, "grant_type");
        if (grantType == null) {
            throw new OAuthError(400, "invalid_request", "The request body must contain the parameter 'grant_type'.");
        }
        switch (grantType) {
            case "authorization_code", "refresh_token" -> {
                return userGrant(grantType, authorization, form);
            }
            case "client_credentials" -> {
                // handled below
            }
            default -> throw new OAuthError(400, "unsupported_grant_type", "The grant type " + OAuthError.quote(grantType)
                    + " is not supported by this endpoint; use authorization_code, refresh_token or client_credentials.");
        }
        ClientApplication app = authenticateClient(authorization, form);
        requireGraphDefaultScope(single(form, "scope"));
        IssuedToken token = tokens.issueForApplication(app, BaseUrls.issuer(config, uri, tenants.current().id().toString()));
        long expiresIn = Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toSeconds());
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        body.put("ext_expires_in", expiresIn);
        body.put("access_token", token.accessToken());
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    /** The authorization code and refresh token grants: tokens on behalf of the user who signed in. */
    private Response userGrant(String grantType, String authorization, MultivaluedMap<String, String> form) {
        ClientApplication app = identifyClient(authorization, form);
        Grant grant;
        try {
            if (grantType.equals("authorization_code")) {
                String code = required(form, "code");
                grant = grants.redeem(code, app, required(form, "redirect_uri"), single(form, "code_verifier"));
            } else {
                grant = grants.refresh(required(form, "refresh_token"), app);
            }
        } catch (GrantRefused refused) {
            LOG.info(() -> "Token request (" + grantType + ") of " + app.appId() + " refused: " + refused.reason().code() + " " + refused.getMessage());
            throw new OAuthError(400, refused.error(), refused.getMessage());
        }
        DirectoryUser user = grant.user();
        String issuer = BaseUrls.issuer(config, uri, tenants.current().id().toString());
        IssuedToken token = tokens.issueForUser(grant, user, grant.directoryRoles(), issuer);
        long expiresIn = Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toSeconds());
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("token_type", "Bearer");
        body.put("scope", String.join(" ", grant.scopes()) + grant.refreshToken().map(r -> " offline_access").orElse(""));
        body.put("expires_in", expiresIn);
        body.put("ext_expires_in", expiresIn);
        body.put("access_token", token.accessToken());
        grant.refreshToken().ifPresent(refresh -> body.put("refresh_token", refresh));
        if (grant.isOpenId()) {
            body.put("id_token", tokens.idToken(grant, user, issuer));
        }
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    /**
     * The client of a code or refresh token request: a confidential client must authenticate (RFC 6749 §3.2.1); a
     * public one is only named, and can hold nothing a code's PKCE or a rotating refresh token does not protect.
     */
    private ClientApplication identifyClient(String authorization, MultivaluedMap<String, String> form) {
        boolean presentsSecret = single(form, "client_secret") != null
                || authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (presentsSecret) {
            ClientApplication app = authenticateClient(authorization, form);
            if (app.clientType() != ClientType.CONFIDENTIAL) {
                throw new OAuthError(401, "invalid_client", "A public client has no secret to authenticate with.");
            }
            return app;
        }
        String clientId = required(form, "client_id");
        ClientApplication app = apps.findByClientId(clientId).orElseThrow(() -> invalidClient("Application " + OAuthError.quote(clientId)
                + " was not found in this tenant."));
        if (app.clientType() == ClientType.CONFIDENTIAL) {
            throw invalidClient("The confidential client " + OAuthError.quote(clientId)
                    + " must authenticate: send client_secret or use HTTP Basic authentication.");
        }
        return app;
    }

    private static OAuthError invalidClient(String description) {
        LOG.info(() -> "Token request refused: " + ReasonCode.INVALID_CLIENT.code() + " " + description);
        return new OAuthError(401, "invalid_client", description);
    }

    private static String required(MultivaluedMap<String, String> form, String name) {
        String value = single(form, name);
        if (value == null || value.isEmpty()) {
            throw new OAuthError(400, "invalid_request", "The request body must contain the parameter '" + name + "'.");
        }
        return value;
    }

    private ClientApplication authenticateClient(String authorization, MultivaluedMap<String, String> form) {
        String clientId = single(form, "client_id");
        String secret = single(form, "client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (secret != null) {
                throw new OAuthError(400, "invalid_request", "Use one client authentication method: Basic or client_secret in the body, not both.");
            }
            String[] pair = decodeBasic(authorization.substring(6).trim());
            if (clientId != null && !clientId.equals(pair[0])) {
                throw new OAuthError(400, "invalid_request", "client_id in the body differs from the one in the Authorization header.");
            }
            clientId = pair[0];
            secret = pair[1];
        }
        if (clientId == null) {
            throw new OAuthError(400, "invalid_request", "The request body must contain the parameter 'client_id'.");
        }
        if (secret == null) {
            throw new OAuthError(401, "invalid_client", "The request must contain 'client_secret' or HTTP Basic client authentication.");
        }
        String id = clientId;
        String given = secret;
        return apps.authenticate(id, given).orElseThrow(() -> invalidClient(
                "Invalid client secret provided, or application " + OAuthError.quote(id) + " was not found in this tenant."));
    }

    /**
     * The client credentials grant takes {@code {resource}/.default} only (RFC 6749 §4.4.2, as Entra): Keyward's Graph
     * resource under any of its names. OpenID Connect scopes that libraries add to every request (msal4j sends
     * {@code openid profile offline_access}) are ignored, as the cloud ignores them here.
     */
    private void requireGraphDefaultScope(String scope) {
        if (scope == null) {
            throw new OAuthError(400, "invalid_request", "The request body must contain the parameter 'scope'.");
        }
        RequestedScopes requested;
        try {
            java.util.List<String> own = new java.util.ArrayList<>(config.ownBaseUrls());
            own.add(BaseUrls.of(config, uri));
            requested = RequestedScopes.parse(scope, config.graphResource(), own);
        } catch (RequestedScopes.InvalidScope e) {
            throw invalidScope(scope);
        }
        if (!requested.graphDefault() || !requested.graphScopes().isEmpty()) {
            throw invalidScope(scope);
        }
    }

    private OAuthError invalidScope(String scope) {
        LOG.info(() -> "Token request refused: " + ReasonCode.INVALID_SCOPE.code() + " scope " + OAuthError.quote(scope));
        return new OAuthError(400, "invalid_scope", "The scope " + OAuthError.quote(scope) + " is not valid for the client credentials grant; use '"
                + config.graphResource() + "/.default'.");
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                // RFC 6749 §2.3.1: client id and secret are form-urlencoded inside Basic.
                return new String[]{URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new OAuthError(401, "invalid_client", "The HTTP Basic client credentials are malformed.");
    }

    private static String single(MultivaluedMap<String, String> form, String name) {
        var values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new OAuthError(400, "invalid_request", "The parameter '" + name + "' was sent more than once.");
        }
        if (values.get(0).length() > MAX_PARAMETER_CHARS) {
            throw new OAuthError(400, "invalid_request", "The parameter '" + name + "' is longer than " + MAX_PARAMETER_CHARS + " characters.");
        }
        return values.get(0);
    }
}
