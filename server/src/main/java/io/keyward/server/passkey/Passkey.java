package io.keyward.server.passkey;

import io.keyward.server.policy.PasskeyType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A registered passkey. {@code credentialRecord} holds webauthn4j's attested credential data (AAGUID, id, COSE key). */
@Entity
@Table(name = "passkey")
public class Passkey {

    @Id
    private String id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    /** The credential id, base64url without padding. */
    @Column(name = "credential_id", nullable = false)
    private String credentialId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private UUID aaguid;

    @Column(name = "credential_record", nullable = false)
    private String credentialRecord;

    @Column(name = "sign_count", nullable = false)
    private long signCount;

    @Column(name = "attestation_format", nullable = false)
    private String attestationFormat;

    @Column(name = "attestation_level", nullable = false)
    private String attestationLevel;

    @Column(name = "attestation_certificates", nullable = false)
    private String attestationCertificates;

    @Column(nullable = false)
    private String transports;

    @Column(name = "backup_eligible", nullable = false)
    private boolean backupEligible;

    @Column(name = "backup_state", nullable = false)
    private boolean backupState;

    @Column(name = "registered_upn", nullable = false)
    private String registeredUpn;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "suspect_reason")
    private String suspectReason;

    @Version
    private long version;

    protected Passkey() {
    }

    Passkey(NewPasskey n, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.userId = n.userId();
        this.credentialId = n.credentialId();
        this.displayName = n.displayName();
        this.aaguid = n.aaguid();
        this.credentialRecord = n.credentialRecord();
        this.signCount = n.signCount();
        this.attestationFormat = n.attestationFormat();
        this.attestationLevel = n.attested() ? "attested" : "notAttested";
        this.attestationCertificates = String.join(" ", n.attestationCertificates());
        this.transports = String.join(" ", n.transports());
        this.backupEligible = n.backupEligible();
        this.backupState = n.backupState();
        this.registeredUpn = n.registeredUpn();
        this.createdAt = createdAt;
    }

    /** Records a successful sign-in: the authenticator's counter and backup state, and when. */
    void recordUse(long newSignCount, boolean newBackupState, Instant at) {
        this.signCount = newSignCount;
        this.backupState = newBackupState;
        this.lastUsedAt = at;
    }

    void markSuspect(String reason) {
        this.suspectReason = reason;
    }

    void rename(String displayName) {
        this.displayName = displayName;
    }

    public String id() { return id; }
    public UUID userId() { return userId; }
    public String credentialId() { return credentialId; }
    public String displayName() { return displayName; }
    public UUID aaguid() { return aaguid; }
    public String credentialRecord() { return credentialRecord; }
    public long signCount() { return signCount; }
    public String attestationFormat() { return attestationFormat; }
    public String attestationLevel() { return attestationLevel; }
    public boolean backupEligible() { return backupEligible; }
    public boolean backupState() { return backupState; }
    public String registeredUpn() { return registeredUpn; }
    public Instant createdAt() { return createdAt; }
    public Optional<Instant> lastUsedAt() { return Optional.ofNullable(lastUsedAt); }
    public Optional<String> suspectReason() { return Optional.ofNullable(suspectReason); }

    public PasskeyType passkeyType() {
        return PasskeyType.fromBackupEligible(backupEligible);
    }

    public List<String> attestationCertificates() {
        return attestationCertificates.isBlank() ? List.of() : Arrays.asList(attestationCertificates.split(" "));
    }

    public List<String> transports() {
        return transports.isBlank() ? List.of() : Arrays.asList(transports.split(" "));
    }

    /** Registered under a UPN the user no longer has: the name stored on the key is out of date. */
    public boolean registeredUnderPreviousUpn(String currentUpn) {
        return !registeredUpn.equalsIgnoreCase(currentUpn);
    }
}
