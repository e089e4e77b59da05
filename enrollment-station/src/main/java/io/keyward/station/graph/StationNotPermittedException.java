package io.keyward.station.graph;

/** The station's app cannot sign in to Keyward, or lacks a permission the station needs. */
public final class StationNotPermittedException extends Exception {

    public StationNotPermittedException(String message) {
        super(message);
    }
}
