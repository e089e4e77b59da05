package io.keyward.station.enrollment;

import io.keyward.station.graph.Employee;
import io.keyward.station.graph.RegisteredPasskey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A key enrolled for an employee.
 *
 * @param modelName      from Keyward's metadata, else the key's USB product name
 * @param serialNumber   the key's USB serial number, when it reports one
 * @param pinSet         the station set the key's PIN (it had none)
 * @param randomPin      the PIN the station drew (profile pin mode RANDOM), to print once on the PIN slip
 * @param pinChangeForced the key will ask the employee for a new PIN before first use
 * @param notices        profile steps the key could not do, in plain words
 */
public record EnrollmentResult(Employee employee, KeyFacts key, String modelName, Optional<String> serialNumber,
                               RegisteredPasskey passkey, byte[] credentialId, boolean pinSet,
                               Optional<char[]> randomPin, boolean pinChangeForced, List<String> notices,
                               String operator, Instant enrolledAt) {
}
