package io.keyward.station.config;

/** The configuration file is missing, unreadable or wrong; the message names the key and what is expected. */
public final class InvalidStationConfigException extends Exception {

    public InvalidStationConfigException(String message) {
        super(message);
    }
}
