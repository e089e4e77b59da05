package io.keyward.station.enrollment;

import java.util.Optional;

/**
 * An enrollment that stopped. {@link #reasonCode()} is Keyward's reason code when Keyward refused, or one of
 * {@link StationReason}'s codes; the message says in plain words what happened and what to do, and
 * {@link #leftOnKey()} says exactly what remains on the key when something does.
 */
public final class EnrollmentFailure extends Exception {

    private final String reasonCode;
    private final Optional<String> leftOnKey;

    public EnrollmentFailure(String reasonCode, String message) {
        this(reasonCode, message, Optional.empty());
    }

    public EnrollmentFailure(String reasonCode, String message, Optional<String> leftOnKey) {
        super(message);
        this.reasonCode = reasonCode;
        this.leftOnKey = leftOnKey;
    }

    public EnrollmentFailure(StationReason reason, String message) {
        this(reason.code(), message);
    }

    public String reasonCode() {
        return reasonCode;
    }

    public Optional<String> leftOnKey() {
        return leftOnKey;
    }
}
