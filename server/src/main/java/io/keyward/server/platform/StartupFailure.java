package io.keyward.server.platform;

/** Keyward cannot start: the message says what is wrong and what to check. */
public class StartupFailure extends RuntimeException {

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupFailure(String message) {
        super(message);
    }
}
