package io.keyward.station.graph;

/** Keyward did not answer (down, wrong URL, network) or answered with a server fault. */
public final class KeywardUnavailableException extends Exception {

    public KeywardUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeywardUnavailableException(String message) {
        super(message);
    }
}
