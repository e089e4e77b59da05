package io.keyward.server.token;

import io.keyward.server.platform.ReasonCode;

/**
 * A token request refused by the grant itself (RFC 6749 §5.2): {@code invalid_grant} for a bad code or refresh
 * token, with the reason code the log records. Checked, so that the transaction that used up the code or the
 * refresh token still commits.
 */
public class GrantRefused extends Exception {

    private final String error;
    private final ReasonCode reason;

    public GrantRefused(String error, ReasonCode reason, String description) {
        super(description);
        this.error = error;
        this.reason = reason;
    }

    public String error() {
        return error;
    }

    public ReasonCode reason() {
        return reason;
    }
}
