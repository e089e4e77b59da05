package io.keyward.station.key;

import java.io.IOException;

/** The key cannot be reached: pulled out, not answering, or not openable by this user. */
public class KeyUnavailableException extends IOException {

    public KeyUnavailableException(String message) {
        super(message);
    }
}
