package io.keyward.station.maintenance;

/** A discoverable credential on a key, as credential management lists it (CTAP 2.1 §6.8). */
public record StoredPasskey(String rpId, String userName, String userDisplayName, String credentialId) {
}
