package io.keyward.station.enrollment;

import io.keyward.station.graph.Employee;

/**
 * Where PINs come from: the operator's or the employee's typing (CLI prompt or kiosk page). Returned arrays are
 * wiped by the station after use; PINs are never logged, stored or sent to Keyward.
 */
public interface PinSource {

    /** A new PIN for a key without one, at least {@code minLength} characters. */
    char[] newPin(Employee employee, int minLength);

    /** The PIN already set on the key; {@code retriesLeft} before it blocks. */
    char[] existingPin(Employee employee, int retriesLeft);

    /** Fixed PINs (tests, scripted CLI use). */
    static PinSource fixed(String newPin, String existingPin) {
        return new PinSource() {
            @Override
            public char[] newPin(Employee employee, int minLength) {
                return newPin.toCharArray();
            }

            @Override
            public char[] existingPin(Employee employee, int retriesLeft) {
                return existingPin.toCharArray();
            }
        };
    }
}
