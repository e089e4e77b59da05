package io.keyward.server.policy;

import io.keyward.server.platform.Refused;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Graph {@code passkeyProfile}: which passkeys a targeted user may have — passkey types (device-bound, synced),
 * attestation at registration, and key restrictions. Profiles are edited through the configuration's PATCH.
 */
public record PasskeyProfile(UUID id, String name, Set<PasskeyType> passkeyTypes, AttestationEnforcement attestationEnforcement,
                             KeyRestrictions keyRestrictions) {

    public static final String DEFAULT_NAME = "Default passkey profile";

    public PasskeyProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attestationEnforcement, "attestationEnforcement");
        Objects.requireNonNull(keyRestrictions, "keyRestrictions");
        if (name == null || name.isBlank()) {
            throw Refused.invalid("Passkey profile " + id + " needs a 'name'.");
        }
        name = name.trim();
        if (passkeyTypes.isEmpty()) {
            throw Refused.invalid("Passkey profile '" + name + "' must allow at least one passkey type (deviceBound, synced).");
        }
        passkeyTypes = Set.copyOf(EnumSet.copyOf(passkeyTypes));
    }

    /** A profile allowing both passkey types, without attestation or restrictions. */
    public static PasskeyProfile permissive(UUID id, String name) {
        return new PasskeyProfile(id, name, EnumSet.allOf(PasskeyType.class), AttestationEnforcement.disabled, KeyRestrictions.off());
    }

    public boolean attestationEnforced() {
        return attestationEnforcement == AttestationEnforcement.registrationOnly;
    }

    public PasskeyProfile withPasskeyTypes(Set<PasskeyType> value) {
        return new PasskeyProfile(id, name, value, attestationEnforcement, keyRestrictions);
    }

    public PasskeyProfile withAttestationEnforcement(AttestationEnforcement value) {
        return new PasskeyProfile(id, name, passkeyTypes, value, keyRestrictions);
    }

    public PasskeyProfile withKeyRestrictions(KeyRestrictions value) {
        return new PasskeyProfile(id, name, passkeyTypes, attestationEnforcement, value);
    }

    /** Graph's flags form: {@code "deviceBound,synced"}, in declaration order. */
    public String passkeyTypesText() {
        return String.join(",", EnumSet.copyOf(passkeyTypes).stream().map(Enum::name).toList());
    }
}
