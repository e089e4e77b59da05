package io.keyward.station.key;

/** The key was pulled out (or its USB link dropped) during an exchange. */
public final class KeyRemovedException extends KeyUnavailableException {

    public KeyRemovedException(String message) {
        super(message);
    }
}
