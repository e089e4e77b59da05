package io.keyward.hwtests;

import io.keyward.station.key.UsbKey;
import io.keyward.station.simulator.SimulatedAuthenticator;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A key the scenarios run against: a simulated key on the fake USB bus or a physical key from the rig file. Either
 * way the station and the scenarios reach it only through hid4java.
 *
 * @param label       what the report calls it
 * @param usbKey      finds it among the attached keys (again after a re-plug)
 * @param pin         its PIN
 * @param destructive whether PIN and reset scenarios may run on it
 * @param simulator   the simulated key behind it, to check what is stored on it without asking it over USB
 */
record KeyUnderTest(String label, Supplier<UsbKey> usbKey, String pin, boolean destructive,
                    Optional<SimulatedAuthenticator> simulator) {

    @Override
    public String toString() {
        return label;
    }
}
