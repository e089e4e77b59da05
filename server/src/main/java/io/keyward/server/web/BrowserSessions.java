package io.keyward.server.web;

import io.keyward.server.access.SignInMethod;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.SignInSession;
import io.keyward.server.token.SignInSessions;
import io.keyward.server.token.WebSession;
import io.keyward.server.token.WebSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The session cookie: set at sign-in, read on every Security info call, cleared (and every session of the user
 * ended) at sign-out. It is {@code Secure} whenever Keyward's public URL ({@code keyward.base-url}) is https, also
 * behind a TLS-terminating proxy that reaches Keyward over http, and then carries the {@code __Host-} prefix.
 */
@ApplicationScoped
public class BrowserSessions {

    static final String COOKIE = "keyward_session";
    /**
     * The name over https. Browsers accept a {@code __Host-} cookie only when it is Secure, from a secure origin, for
     * {@code Path=/} and without {@code Domain} (RFC 6265bis §4.1.3.2): no http page and no sibling host can plant or
     * overwrite it.
     */
    static final String HOST_COOKIE = "__Host-" + COOKIE;

    private static final Logger LOG = Logger.getLogger(BrowserSessions.class.getName());

    @Inject
    WebSessions sessions;

    @Inject
    UserService users;

    @Inject
    KeywardConfig config;

    @Inject
    HttpServletRequest request;

    @Inject
    java.time.Clock clock;

    @Inject
    SignInSessions signInSessions;

    NewCookie open(DirectoryUser user, String method, UriInfo uri) {
        return cookie(sessions.open(user.id(), method), (int) WebSessions.LIFETIME.toSeconds(), https(uri.getBaseUri().getScheme()));
    }

    /** This browser's session in a fresh cookie, after the user ended their other sessions from here. */
    NewCookie renew(SignedIn signedIn, UriInfo uri) {
        DirectoryUser current = users.find(signedIn.user().id().toString()).orElse(signedIn.user());
        long maxAge = Math.max(0, java.time.Duration.between(clock.instant(), signedIn.session().expiresAt()).toSeconds());
        return cookie(sessions.renew(signedIn.session(), current), (int) maxAge, https(uri.getBaseUri().getScheme()));
    }

    NewCookie close(UriInfo uri) {
        return cookie("", 0, https(uri.getBaseUri().getScheme()));
    }

    /** Ends every session of the signed-in user (a copied cookie included) and clears this browser's cookie. */
    NewCookie signOut(HttpHeaders headers, UriInfo uri) {
        try {
            sessions.signOut(require(headers).user().id());
        } catch (Refused notSignedIn) {
            // Nothing to end: a stale or revoked cookie must not let anyone end the user's current sessions.
        }
        return close(uri);
    }

    /** The signed-in user, still existing and enabled, in a session not revoked since; otherwise 401. */
    SignedIn require(HttpHeaders headers) {
        var cookie = headers.getCookies().get(cookieName(https(request.getScheme())));
        WebSession session = sessions.read(cookie == null ? null : cookie.getValue())
                .orElseThrow(() -> new Refused(ReasonCode.UNAUTHENTICATED, "Please sign in."));
        DirectoryUser user = users.find(session.userId().toString())
                .filter(DirectoryUser::accountEnabled)
                .orElseThrow(() -> new Refused(ReasonCode.UNAUTHENTICATED, "Your session has ended. Please sign in again."));
        if (!sessions.isCurrent(session, user)) {
            LOG.info(() -> "Refused a revoked browser session of " + user.id() + " started " + session.authenticatedAt()
                    + " (sessions valid from " + user.signInSessionsValidFrom().orElse(null) + "): " + ReasonCode.UNAUTHENTICATED.code());
            throw new Refused(ReasonCode.UNAUTHENTICATED, "Your session has ended: you signed out, or your sign-in was revoked. "
                    + "Please sign in again.");
        }
        return new SignedIn(user, session);
    }

    /** Refuses (strongSignInRequired) unless the session began with a passkey or TAP sign-in recently enough to add a passkey. */
    void requireRecentStrongSignIn(SignedIn signedIn) {
        try {
            sessions.requireRecentStrongSignIn(signedIn.session());
        } catch (Refused refused) {
            LOG.info(() -> "Refused to add a passkey for " + signedIn.user().id() + " (session by " + signedIn.session().method()
                    + " at " + signedIn.session().authenticatedAt() + "): " + refused.reason().code());
            throw refused;
        }
    }

    /** Whether the session cookie is Secure: by the public URL when configured, else by how the request came in. */
    boolean https(String requestScheme) {
        return https(config.publicBaseUrl(), requestScheme);
    }

    static boolean https(Optional<String> publicBaseUrl, String requestScheme) {
        return publicBaseUrl.map(url -> url.regionMatches(true, 0, "https://", 0, 8)).orElse("https".equalsIgnoreCase(requestScheme));
    }

    static String cookieName(boolean https) {
        return https ? HOST_COOKIE : COOKIE;
    }

    static NewCookie cookie(String value, int maxAge, boolean https) {
        return new NewCookie.Builder(cookieName(https)).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(https).sameSite(NewCookie.SameSite.LAX).build();
    }

    /** A request's signed-in user and session. */
    /**
     * The browser's sign-in as apps meet it: the signed-in user and the OpenID Connect side of the session (how and
     * when it was proved); empty when the browser is not signed in or Keyward does not know how the session was opened.
     */
    Optional<AppSignIn> forApps(HttpHeaders headers) {
        SignedIn signedIn;
        try {
            signedIn = require(headers);
        } catch (Refused notSignedIn) {
            return Optional.empty();
        }
        return PendingAuthorizationCookie.sessionCookie(headers).flatMap(signInSessions::find)
                .filter(session -> session.userId().equals(signedIn.user().id()))
                .map(session -> new AppSignIn(signedIn.user(), session));
    }

    record AppSignIn(DirectoryUser user, SignInSession session) {

        /** The method the session was opened with, in authentication strength terms. */
        SignInMethod method() {
            return switch (session.method()) {
                case "passkey" -> SignInMethod.passkey(session.aaguid().orElse(null));
                case "temporaryAccessPassOneTime" -> SignInMethod.temporaryAccessPass(true);
                case "temporaryAccessPassMultiUse", "temporaryAccessPass" -> SignInMethod.temporaryAccessPass(false);
                default -> SignInMethod.password();
            };
        }
    }

    record SignedIn(DirectoryUser user, WebSession session) {
    }
}
