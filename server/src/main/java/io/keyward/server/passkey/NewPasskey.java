package io.keyward.server.passkey;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A verified credential about to be stored; built with {@link #builder} by the registration ceremony. */
public record NewPasskey(UUID userId, String credentialId, String displayName, UUID aaguid, String credentialRecord,
                         long signCount, String attestationFormat, boolean attested, List<String> attestationCertificates,
                         List<String> transports, boolean backupEligible, boolean backupState, String registeredUpn) {

    public NewPasskey {
        Objects.requireNonNull(userId);
        Objects.requireNonNull(credentialId);
        Objects.requireNonNull(displayName);
        Objects.requireNonNull(aaguid);
        Objects.requireNonNull(credentialRecord);
        Objects.requireNonNull(attestationFormat);
        attestationCertificates = List.copyOf(attestationCertificates);
        transports = List.copyOf(transports);
    }

    /** A new passkey of {@code userId} (registered under {@code registeredUpn}) for this credential. */
    public static Builder builder(UUID userId, String registeredUpn, String credentialId, String credentialRecord) {
        return new Builder(userId, registeredUpn, credentialId, credentialRecord);
    }

    /** What the ceremony learned, one concern at a time: the authenticator, its attestation, its flags. */
    public static final class Builder {
        private final UUID userId;
        private final String registeredUpn;
        private final String credentialId;
        private final String credentialRecord;
        private String displayName;
        private UUID aaguid;
        private long signCount;
        private String attestationFormat = "none";
        private boolean attested;
        private List<String> attestationCertificates = List.of();
        private List<String> transports = List.of();
        private boolean backupEligible;
        private boolean backupState;

        private Builder(UUID userId, String registeredUpn, String credentialId, String credentialRecord) {
            this.userId = userId;
            this.registeredUpn = registeredUpn;
            this.credentialId = credentialId;
            this.credentialRecord = credentialRecord;
        }

        public Builder authenticator(UUID aaguid, String displayName, long signCount, List<String> transports) {
            this.aaguid = aaguid;
            this.displayName = displayName;
            this.signCount = signCount;
            this.transports = transports;
            return this;
        }

        public Builder attestation(String format, boolean attested, List<String> certificateThumbprints) {
            this.attestationFormat = format;
            this.attested = attested;
            this.attestationCertificates = certificateThumbprints;
            return this;
        }

        /** The backup eligibility and state flags (BE/BS) of WebAuthn L3 §6.1. */
        public Builder backup(boolean eligible, boolean state) {
            this.backupEligible = eligible;
            this.backupState = state;
            return this;
        }

        public NewPasskey build() {
            return new NewPasskey(userId, credentialId, displayName, aaguid, credentialRecord, signCount, attestationFormat, attested,
                    attestationCertificates, transports, backupEligible, backupState, registeredUpn);
        }
    }
}
