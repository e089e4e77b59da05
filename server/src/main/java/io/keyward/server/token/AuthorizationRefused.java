package io.keyward.server.token;

import io.keyward.server.platform.ReasonCode;

import java.util.Optional;

/**
 * An authorization request refused (RFC 6749 §4.1.2.1). With {@code redirect} the error goes back to the app; without
 * it (unknown client, missing or unregistered redirect URI) the person is shown an error page and is never sent to
 * the unverified URI: an authorization endpoint must not be an open redirector (RFC 9700 §4.11).
 */
public class AuthorizationRefused extends Exception {

    /** Where the error may be sent: a redirect URI the client registered, how, and the client's state. */
    public record Redirect(String redirectUri, AuthorizationRequest.ResponseMode mode, Optional<String> state) {
    }

    private final String error;
    private final ReasonCode reason;
    private final transient Optional<Redirect> redirect;

    public AuthorizationRefused(String error, ReasonCode reason, String description, Optional<Redirect> redirect) {
        super(description);
        this.error = error;
        this.reason = reason;
        this.redirect = redirect;
    }

    /** The OAuth 2.0 error code ({@code invalid_request}, {@code login_required}, …). */
    public String error() {
        return error;
    }

    public ReasonCode reason() {
        return reason;
    }

    public Optional<Redirect> redirect() {
        return redirect;
    }
}
