package io.keyward.server.platform;

import java.util.Objects;

/**
 * A domain service refused a request. Carries the stable {@link ReasonCode} and a message that says exactly
 * what was wrong; {@code graph} maps it to the error envelope, {@code web} to words a person can read.
 */
public class Refused extends RuntimeException {

    private final ReasonCode reason;

    public Refused(ReasonCode reason, String message) {
        super(Objects.requireNonNull(message));
        this.reason = Objects.requireNonNull(reason);
    }

    public ReasonCode reason() {
        return reason;
    }

    public static Refused notFound(String what, Object id) {
        return new Refused(ReasonCode.NOT_FOUND,
                "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
    }

    public static Refused invalid(String message) {
        return new Refused(ReasonCode.INVALID_REQUEST, message);
    }
}
