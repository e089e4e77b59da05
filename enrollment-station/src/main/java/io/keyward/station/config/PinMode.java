package io.keyward.station.config;

/** Who chooses the PIN of a key that has none. */
public enum PinMode {
    /** The station draws a random PIN of the profile's length and prints it once on a separate PIN slip. */
    RANDOM,
    /** The operator types it. */
    OPERATOR,
    /** The employee types it at the kiosk. */
    EMPLOYEE
}
