package io.keyward.server.web;

import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.token.Authorizations;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Optional;

/**
 * The browser's side of a parked authorization request: an HttpOnly cookie holding its opaque reference, set when
 * the authorize endpoint sends the person to the sign-in page, read by the sign-in API (which app is being signed
 * into) and by the continuation, which accepts only the browser that started the request. Also reads the session
 * cookie's value, which binds a {@code SignInSession} to it.
 */
final class PendingAuthorizationCookie {

    static final String NAME = "keyward_authorization";

    private PendingAuthorizationCookie() {
    }

    static NewCookie open(String reference, KeywardConfig config, UriInfo uri) {
        return cookie(reference, (int) Authorizations.PENDING_LIFETIME.toSeconds(), config, uri);
    }

    static NewCookie clear(KeywardConfig config, UriInfo uri) {
        return cookie("", 0, config, uri);
    }

    static Optional<String> reference(HttpHeaders headers) {
        return value(headers, NAME);
    }

    /** The session cookie's name over http; over https it carries the {@code __Host-} prefix. */
    private static final String SESSION_COOKIE = "keyward_session";

    /** The session cookie's value, under either of its names (plain over http, {@code __Host-} over https). */
    static Optional<String> sessionCookie(HttpHeaders headers) {
        return value(headers, "__Host-" + SESSION_COOKIE).or(() -> value(headers, SESSION_COOKIE));
    }

    private static Optional<String> value(HttpHeaders headers, String name) {
        return Optional.ofNullable(headers.getCookies().get(name)).map(jakarta.ws.rs.core.Cookie::getValue).filter(v -> !v.isBlank());
    }

    private static NewCookie cookie(String value, int maxAge, KeywardConfig config, UriInfo uri) {
        boolean https = "https".equalsIgnoreCase(URI.create(BaseUrls.of(config, uri)).getScheme());
        return new NewCookie.Builder(NAME).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
