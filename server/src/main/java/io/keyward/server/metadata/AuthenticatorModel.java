package io.keyward.server.metadata;

import java.util.Set;
import java.util.UUID;

/** What the metadata says about one authenticator model. */
public record AuthenticatorModel(UUID aaguid, String description, Set<String> statusReports) {

    /** FIDO MDS3 statuses that make Keyward refuse a model's passkeys (registration and, by default, sign-in). */
    public static final Set<String> COMPROMISED = Set.of("REVOKED", "USER_KEY_PHYSICAL_COMPROMISE",
            "USER_KEY_REMOTE_COMPROMISE", "USER_VERIFICATION_BYPASS", "ATTESTATION_KEY_COMPROMISE");

    public AuthenticatorModel {
        statusReports = Set.copyOf(statusReports);
    }

    public boolean compromised() {
        return statusReports.stream().anyMatch(COMPROMISED::contains);
    }
}
