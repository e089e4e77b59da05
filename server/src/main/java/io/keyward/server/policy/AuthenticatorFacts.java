package io.keyward.server.policy;

import java.util.UUID;

/**
 * What the policy needs to know about an authenticator: its AAGUID (all zeros when unknown), whether the
 * credential is synced or device-bound, and what its attestation proved (only meaningful at registration).
 */
public record AuthenticatorFacts(UUID aaguid, PasskeyType passkeyType, AttestationTrust attestation) {
}
