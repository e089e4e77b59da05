package io.keyward.server.web;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.WebSession;
import io.keyward.server.token.WebSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/** The session cookie: set at sign-in, read on every Security info call, cleared at sign-out. */
@ApplicationScoped
public class BrowserSessions {

    @Inject
    WebSessions sessions;

    @Inject
    UserService users;

    NewCookie open(DirectoryUser user, String method, UriInfo uri) {
        return cookie(sessions.open(user.id(), method), (int) WebSessions.LIFETIME.toSeconds(), uri);
    }

    NewCookie close(UriInfo uri) {
        return cookie("", 0, uri);
    }

    /** The signed-in user, still existing and enabled; otherwise 401. */
    SignedIn require(HttpHeaders headers) {
        var cookie = headers.getCookies().get(WebSessions.COOKIE);
        WebSession session = sessions.read(cookie == null ? null : cookie.getValue())
                .orElseThrow(() -> new Refused(ReasonCode.UNAUTHENTICATED, "Please sign in."));
        DirectoryUser user = users.find(session.userId().toString())
                .filter(DirectoryUser::accountEnabled)
                .orElseThrow(() -> new Refused(ReasonCode.UNAUTHENTICATED, "Your session has ended. Please sign in again."));
        return new SignedIn(user, session);
    }

    private static NewCookie cookie(String value, int maxAge, UriInfo uri) {
        return new NewCookie.Builder(WebSessions.COOKIE).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure("https".equals(uri.getBaseUri().getScheme())).sameSite(NewCookie.SameSite.LAX).build();
    }

    /** A request's signed-in user and session. */
    record SignedIn(DirectoryUser user, WebSession session) {
    }
}
