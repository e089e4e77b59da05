package io.keyward.server.web;

import io.keyward.server.access.ConditionalAccess;
import io.keyward.server.access.ConditionalAccessRefused;
import io.keyward.server.access.SignInChannel;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.token.AuthorizationRefused;
import io.keyward.server.token.ClientApplication;
import io.keyward.server.token.AuthorizationRequest;
import io.keyward.server.token.Authorizations;
import io.keyward.server.token.Grants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code GET|POST /{tenant}/oauth2/v2.0/authorize}: the OpenID Connect authorization endpoint (authorization code
 * with PKCE). A browser with a suitable sign-in gets a code at once; otherwise the request is parked and the person
 * signs in on Keyward's own page, which then continues at {@code /authorize/continue}. The decisions are
 * {@link Authorizations}'; this translates HTTP.
 */
@RequestScoped
@Path("{tenant}/oauth2/v2.0/authorize")
public class AuthorizeEndpoint {

    private static final Logger LOG = Logger.getLogger(AuthorizeEndpoint.class.getName());

    @Inject
    TenantService tenants;

    @Inject
    Authorizations authorizations;

    @Inject
    Grants grants;

    @Inject
    BrowserSessions sessions;

    @Inject
    KeywardConfig config;

    @Inject
    ConditionalAccess conditionalAccess;

    @Context
    HttpServletRequest http;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    public Response authorize(@PathParam("tenant") String tenant) {
        return authorize(tenant, uri.getQueryParameters());
    }

    /** OpenID Connect Core §3.1.2.1: the request may also arrive as a form POST. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response authorizeByPost(@PathParam("tenant") String tenant, MultivaluedMap<String, String> form) {
        return authorize(tenant, form);
    }

    /**
     * Where the sign-in page sends the browser after a sign-in: the parked request gets its code, if this browser
     * parked it and has signed in since.
     */
    @GET
    @Path("continue")
    public Response resume(@PathParam("tenant") String tenant, @QueryParam("request") String reference) {
        if (!tenants.matches(tenant)) {
            return unknownTenant(tenant);
        }
        if (reference == null || !PendingAuthorizationCookie.reference(headers).filter(reference::equals).isPresent()) {
            return shown(ReasonCode.INVALID_REQUEST, "Sign-in request not found", "This sign-in was started in another browser "
                    + "or has already finished. Go back to the application and sign in again.");
        }
        Optional<Authorizations.Parked> parked = authorizations.parked(reference);
        if (parked.isEmpty()) {
            return shown(ReasonCode.INVALID_REQUEST, "Sign-in request expired", "This sign-in took longer than "
                    + Authorizations.PENDING_LIFETIME.toMinutes() + " minutes. Go back to the application and sign in again.");
        }
        AuthorizationRequest request = parked.get().request();
        Optional<BrowserSessions.AppSignIn> current = sessions.forApps(headers).filter(c -> !c.session().authenticatedAt().isBefore(parked.get().parkedAt()));
        if (current.isEmpty()) {
            return signInPage(request, false);
        }
        // The sign-in ceremony judged conditional access for this app already; this re-judges the session it opened.
        if (conditionalAccess.evaluate(current.get().user(), channel(parked.get().app()), current.get().method()).refusal().isPresent()) {
            return signInPage(request, true);
        }
        if (!authorizations.take(reference)) {
            return shown(ReasonCode.INVALID_REQUEST, "Sign-in request already used", "This sign-in has already been completed. "
                    + "Go back to the application.");
        }
        return Response.fromResponse(issue(request, parked.get().app(), current.get())).cookie(PendingAuthorizationCookie.clear(config, uri)).build();
    }

    private Response authorize(String tenant, Map<String, java.util.List<String>> parameters) {
        if (!tenants.matches(tenant)) {
            return unknownTenant(tenant);
        }
        AuthorizationRequest request;
        ClientApplication app;
        try {
            Authorizations.Validated validated = authorizations.validate(parameters);
            request = validated.request();
            app = validated.app();
        } catch (AuthorizationRefused refused) {
            return refused(refused);
        }
        Optional<BrowserSessions.AppSignIn> current = sessions.forApps(headers);
        Authorizations.SessionVerdict verdict = authorizations.judge(request, current.map(BrowserSessions.AppSignIn::session));
        boolean fellShort = false;
        if (verdict == Authorizations.SessionVerdict.USE_SESSION) {
            // Single sign-on into this app: conditional access judges the method of the sign-in being reused.
            Optional<ConditionalAccessRefused> refusal =
                    conditionalAccess.judgeExistingSignIn(current.get().user(), channel(app), current.get().method());
            if (refusal.isPresent() && request.forbidsInteraction()) {
                return refused(new AuthorizationRefused("interaction_required", refusal.get().reason(), refusal.get().getMessage(),
                        Optional.of(new AuthorizationRefused.Redirect(request.redirectUri(), request.responseMode(), request.state()))));
            }
            if (refusal.isPresent()) {
                verdict = Authorizations.SessionVerdict.SIGN_IN;
                fellShort = true;
            }
        }
        return switch (verdict) {
            case USE_SESSION -> issue(request, app, current.get());
            case LOGIN_REQUIRED -> refused(new AuthorizationRefused("login_required", ReasonCode.LOGIN_REQUIRED,
                    "prompt=none was requested, but the user has no suitable sign-in session.",
                    Optional.of(new AuthorizationRefused.Redirect(request.redirectUri(), request.responseMode(), request.state()))));
            case SIGN_IN -> Response.fromResponse(signInPage(request, fellShort))
                    .cookie(PendingAuthorizationCookie.open(authorizations.park(request, app), config, uri)).build();
        };
    }

    /** Issues the code; {@code app} was read by this request (validated or parked), so it is not read again. */
    private Response issue(AuthorizationRequest request, ClientApplication app, BrowserSessions.AppSignIn current) {
        String code = grants.issueCode(request, app, current.user().id(), current.session());
        LOG.info(() -> "Authorization code issued to " + request.clientId() + " for " + current.user().id() + " (sid " + current.session().id() + ")");
        return AuthorizationResponses.code(request, code, issuer());
    }

    private SignInChannel channel(ClientApplication app) {
        // The client's address as the sign-in API takes it: a trusted proxy's word, else the connection's.
        return SignInChannel.browser(app.appId().toString(), app.displayName(),
                PublicOrigins.clientAddress(config, http, headers::getHeaderString));
    }

    /**
     * The sign-in page, with the name the app suggested ({@code login_hint}) filled in; {@code fellShort} when the
     * browser's sign-in does not satisfy this app's conditional access, so the page says what the app needs before the
     * person tries ({@code /signin/requirement}).
     */
    private Response signInPage(AuthorizationRequest request, boolean fellShort) {
        StringBuilder query = new StringBuilder();
        request.loginHint().ifPresent(hint -> query.append("login_hint=").append(URLEncoder.encode(hint, StandardCharsets.UTF_8)));
        if (fellShort) {
            query.append(query.isEmpty() ? "" : "&").append("requirement");
        }
        String target = "/signin" + (query.isEmpty() ? "" : "?" + query);
        return Response.status(303).location(URI.create(BaseUrls.of(config, uri) + target)).header("Cache-Control", "no-store").build();
    }

    private Response refused(AuthorizationRefused refused) {
        LOG.info(() -> "Authorization request refused: " + refused.reason().code() + " (" + refused.error() + ") " + refused.getMessage());
        return refused.redirect()
                .map(redirect -> AuthorizationResponses.error(redirect, refused.error(), refused.getMessage(), issuer()))
                .orElseGet(() -> AuthorizationResponses.page(400, "Sign-in request refused", refused.getMessage()
                        + " Tell the application's developer; you were not sent back to the application because its address could not be verified."));
    }

    private Response shown(ReasonCode reason, String title, String message) {
        LOG.info(() -> "Authorization continuation refused: " + reason.code() + " " + message);
        return AuthorizationResponses.page(400, title, message);
    }

    private Response unknownTenant(String tenant) {
        return shown(ReasonCode.NOT_FOUND, "Organization not found", "Tenant " + OAuthError.quote(tenant) + " not found.");
    }

    private String issuer() {
        return BaseUrls.issuer(config, uri, tenants.current().id().toString());
    }
}
