package io.keyward.hwtests;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A physical key the rig file describes; the attached key whose getInfo AAGUID (and USB serial number, when given)
 * match is the one tested.
 *
 * @param label       the rig file's name for it (the {@code N} of {@code key.N.*})
 * @param pin         the PIN already on the key; without one the suite sets {@link RigFile#DEFAULT_PIN} on a key
 *                    that has none
 * @param destructive whether PIN changes, wrong-PIN and lock tests and resets may run on it
 */
public record PhysicalKeySpec(String label, UUID aaguid, Optional<String> serial, Optional<String> pin, boolean destructive) {

    public PhysicalKeySpec {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(aaguid, "aaguid");
    }
}
