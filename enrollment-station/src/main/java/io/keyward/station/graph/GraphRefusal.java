package io.keyward.station.graph;

/**
 * Keyward refused a request with the Graph error envelope; {@link #code()} is its reason code
 * (e.g. {@code guestUserNotSupported}, {@code challengeExpired}) and {@link #getMessage()} its plain-words message.
 */
public final class GraphRefusal extends Exception {

    private final int status;
    private final String code;

    public GraphRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
