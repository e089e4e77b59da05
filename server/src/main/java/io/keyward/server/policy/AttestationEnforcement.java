package io.keyward.server.policy;

/**
 * Graph {@code passkeyProfile.attestationEnforcement}. Attestation is only ever checked at registration
 * (DESIGN §3): passkeys registered before enforcement keep signing in.
 */
public enum AttestationEnforcement {
    disabled, registrationOnly
}
