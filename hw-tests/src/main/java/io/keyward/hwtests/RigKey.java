package io.keyward.hwtests;

import java.util.Objects;

/** One authenticator the rig runs the scenarios against. */
public sealed interface RigKey {

    /** A software CTAP2 authenticator; needs no hardware. */
    record Simulated() implements RigKey {
        @Override
        public String toString() {
            return TestRig.SIMULATED;
        }
    }

    /** A physical key, by its HID device path (on Linux {@code /dev/hidrawN}). */
    record Physical(String devicePath) implements RigKey {
        public Physical {
            Objects.requireNonNull(devicePath, "devicePath");
        }

        @Override
        public String toString() {
            return devicePath;
        }
    }
}
