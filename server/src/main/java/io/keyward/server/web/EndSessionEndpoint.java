package io.keyward.server.web;

import com.nimbusds.jwt.JWTClaimsSet;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.token.AccessTokens;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.ClientApplication;
import io.keyward.server.token.SignInSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code GET|POST /{tenant}/oauth2/v2.0/logout}, the {@code end_session_endpoint} (OpenID Connect RP-Initiated
 * Logout 1.0): ends the browser's sign-in and clears its session cookie, then sends the person to the app's
 * {@code post_logout_redirect_uri} with {@code state} only when that URI is one the app registered, exactly (the app
 * named by a valid {@code id_token_hint} or by {@code client_id}); otherwise it shows a signed-out page.
 */
@RequestScoped
@Path("{tenant}/oauth2/v2.0/logout")
public class EndSessionEndpoint {

    private static final Logger LOG = Logger.getLogger(EndSessionEndpoint.class.getName());

    @Inject
    TenantService tenants;

    @Inject
    AccessTokens tokens;

    @Inject
    AppRegistrations apps;

    @Inject
    SignInSessions signInSessions;

    @Inject
    BrowserSessions sessions;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    public Response get(@PathParam("tenant") String tenant) {
        return endSession(tenant, uri.getQueryParameters());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@PathParam("tenant") String tenant, MultivaluedMap<String, String> form) {
        return endSession(tenant, form);
    }

    private Response endSession(String tenant, Map<String, List<String>> parameters) {
        if (!tenants.matches(tenant)) {
            return AuthorizationResponses.page(404, "Organization not found", "Tenant " + OAuthError.quote(tenant) + " not found.");
        }
        String issuer = BaseUrls.issuer(config, uri, tenants.current().id().toString());
        Optional<String> redirect = first(parameters, "post_logout_redirect_uri");
        Optional<JWTClaimsSet> hint = first(parameters, "id_token_hint").flatMap(token -> tokens.idTokenHint(token, issuer));
        if (first(parameters, "id_token_hint").isPresent() && hint.isEmpty()) {
            return refused(ReasonCode.INVALID_REQUEST, "The id_token_hint is not an ID token issued by this Keyward server.");
        }
        Optional<String> clientId = hint.map(claims -> claims.getAudience().isEmpty() ? null : claims.getAudience().get(0))
                .or(() -> first(parameters, "client_id"));
        if (first(parameters, "client_id").isPresent() && clientId.isPresent() && !clientId.equals(first(parameters, "client_id"))) {
            return refused(ReasonCode.INVALID_REQUEST, "client_id differs from the audience of the id_token_hint.");
        }
        Optional<ClientApplication> app = clientId.flatMap(apps::findByClientId);
        if (redirect.isPresent() && app.filter(a -> a.acceptsLogoutUri(redirect.get())).isEmpty()) {
            return refused(ReasonCode.REDIRECT_URI_MISMATCH, "The post_logout_redirect_uri " + OAuthError.quote(redirect.get())
                    + " is not registered for " + app.map(a -> "the application '" + a.displayName() + "'")
                    .orElse("an application named by id_token_hint or client_id") + ". You have been signed out of Keyward.");
        }
        Response.ResponseBuilder response = redirect
                .map(target -> Response.status(303).location(withState(target, first(parameters, "state"))))
                .orElseGet(() -> Response.fromResponse(AuthorizationResponses.page(200, "Signed out", "You have signed out. You can close this window.")));
        end();
        return response.cookie(sessions.signOut(headers, uri)).header("Cache-Control", "no-store").build();
    }

    private void end() {
        PendingAuthorizationCookie.sessionCookie(headers).flatMap(signInSessions::find).ifPresent(session -> {
            signInSessions.end(session.id());
            LOG.info(() -> "Ended sign-in session " + session.id() + " of " + session.userId() + " at the end_session_endpoint");
        });
    }

    private Response refused(ReasonCode reason, String message) {
        LOG.info(() -> "end_session refused to redirect: " + reason.code() + " " + message);
        end();
        return Response.fromResponse(AuthorizationResponses.page(400, "Signed out", message)).cookie(sessions.signOut(headers, uri)).build();
    }

    private static URI withState(String target, Optional<String> state) {
        return URI.create(state.map(value -> target + (target.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)).orElse(target));
    }

    private static Optional<String> first(Map<String, List<String>> parameters, String name) {
        return parameters.getOrDefault(name, List.of()).stream().findFirst().filter(v -> !v.isEmpty());
    }
}
