package io.keyward.station.config;

import java.util.Objects;

/**
 * How keys of one batch are prepared (chosen per batch, stored in the station's configuration file). Each step
 * is checked against the key's getInfo and skipped with a notice when the key does not support it.
 *
 * @param name           the profile's name in the configuration file
 * @param resetFirst     factory-reset the key before enrolling (erases everything on it; asks for confirmation)
 * @param pinMode        who chooses the PIN of a key without one
 * @param pinLength      length of a random PIN
 * @param minPinLength   minimum PIN length set on the key (CTAP 2.1 setMinPINLength); 4 leaves the key's default
 * @param forcePinChange the employee must change the PIN before first use (CTAP 2.1 forceChangePin)
 * @param alwaysUv       the key asks for the PIN on every use (CTAP 2.1 alwaysUv)
 */
public record EnrollmentProfile(String name, boolean resetFirst, PinMode pinMode, int pinLength, int minPinLength,
                                boolean forcePinChange, boolean alwaysUv) {

    public static final EnrollmentProfile DEFAULT = new EnrollmentProfile("default", false, PinMode.RANDOM, 6, 4, false, false);

    public EnrollmentProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pinMode, "pinMode");
        if (pinLength < 4 || pinLength > 63) {
            throw new IllegalArgumentException("profile " + name + ": pinLength must be 4 to 63");
        }
        if (minPinLength < 4 || minPinLength > 63) {
            throw new IllegalArgumentException("profile " + name + ": minPinLength must be 4 to 63");
        }
        if (pinMode == PinMode.RANDOM && pinLength < minPinLength) {
            throw new IllegalArgumentException("profile " + name + ": pinLength is shorter than minPinLength");
        }
    }
}
