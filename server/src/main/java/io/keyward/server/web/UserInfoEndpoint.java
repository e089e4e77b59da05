package io.keyward.server.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.TenantService;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.token.AccessTokens;
import io.keyward.server.token.Caller;
import io.keyward.server.token.InvalidToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code GET|POST /{tenant}/oidc/userinfo} (OpenID Connect Core §5.3): the signed-in user's claims, for a delegated
 * access token that carries the {@code openid} scope; {@code profile} and {@code email} add what they add to ID tokens.
 * Errors are RFC 6750 §3's, in {@code WWW-Authenticate}.
 */
@RequestScoped
@Path("{tenant}/oidc/userinfo")
public class UserInfoEndpoint {

    private static final Logger LOG = Logger.getLogger(UserInfoEndpoint.class.getName());

    @Inject
    TenantService tenants;

    @Inject
    AccessTokens tokens;

    @Inject
    UserService users;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("tenant") String tenant, @HeaderParam("Authorization") String authorization) {
        return userInfo(tenant, authorization);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("tenant") String tenant, @HeaderParam("Authorization") String authorization) {
        return userInfo(tenant, authorization);
    }

    private Response userInfo(String tenant, String authorization) {
        OAuthError.requireTenant(tenants, tenant);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(401, null, "Send the access token as 'Authorization: Bearer <token>'.");
        }
        Caller caller;
        try {
            caller = tokens.validate(authorization.substring(7).trim(), uri.getBaseUri().resolve("/"));
        } catch (InvalidToken e) {
            return refuse(401, "invalid_token", e.getMessage());
        }
        if (!caller.isDelegated() || !caller.scopes().contains("openid")) {
            return refuse(403, "insufficient_scope", "The access token is not a user's token with the openid scope.");
        }
        Optional<DirectoryUser> user = caller.userId().flatMap(users::find).filter(DirectoryUser::accountEnabled);
        if (user.isEmpty()) {
            return refuse(401, "invalid_token", "The user no longer exists or is disabled.");
        }
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        body.put("sub", user.get().id().toString());
        if (caller.scopes().contains("profile")) {
            body.put("name", user.get().displayName());
            body.put("preferred_username", user.get().userPrincipalName());
            Optional.ofNullable(user.get().givenName()).ifPresent(v -> body.put("given_name", v));
            Optional.ofNullable(user.get().surname()).ifPresent(v -> body.put("family_name", v));
        }
        if (caller.scopes().contains("email")) {
            Optional.ofNullable(user.get().mail()).ifPresent(v -> body.put("email", v));
        }
        return WebJson.ok(body);
    }

    private static Response refuse(int status, String error, String description) {
        LOG.info(() -> "userinfo refused: " + ReasonCode.UNAUTHENTICATED.code() + " (" + error + ") " + description);
        String challenge = "Bearer realm=\"keyward\"" + (error == null ? "" : ", error=\"" + error + "\", error_description=\""
                + description.replace('"', '\'') + "\"");
        return Response.status(status).header("WWW-Authenticate", challenge).header("Cache-Control", "no-store").build();
    }
}
