package io.keyward.server.token;

import io.keyward.server.platform.ReasonCode;

/** An access token was missing, malformed, expired, for another audience or issuer, or not signed by Keyward. */
public class InvalidToken extends Exception {

    private final ReasonCode reason;

    public InvalidToken(String message) {
        this(ReasonCode.UNAUTHENTICATED, message);
    }

    public InvalidToken(ReasonCode reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
