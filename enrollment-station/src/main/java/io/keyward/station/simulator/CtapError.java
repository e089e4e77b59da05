package io.keyward.station.simulator;

/** A command the simulated key refuses; the status byte is what it answers (CTAP 2.1 §8.2). */
public final class CtapError extends Exception {

    private final CtapStatus status;

    public CtapError(CtapStatus status, String why) {
        super(status + ": " + why, null, false, false);
        this.status = status;
    }

    public CtapStatus status() {
        return status;
    }
}
