package io.keyward.server.passkey;

import java.util.List;
import java.util.UUID;

/** A verified credential about to be stored. */
public record NewPasskey(UUID userId, String credentialId, String displayName, UUID aaguid, String credentialRecord,
                         long signCount, String attestationFormat, boolean attested, List<String> attestationCertificates,
                         List<String> transports, boolean backupEligible, boolean backupState, String registeredUpn) {
}
