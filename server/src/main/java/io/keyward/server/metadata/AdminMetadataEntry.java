package io.keyward.server.metadata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** Stored form of an {@link AdminMetadataStatement}: certificates and keys as PEM text. */
@Entity
@Table(name = "admin_metadata")
public class AdminMetadataEntry {

    @Id
    private UUID aaguid;

    @Column(nullable = false, length = AdminMetadataStatement.MAX_DESCRIPTION)
    private String description;

    @Column(name = "attestation_roots", nullable = false, length = 1_048_576)
    private String attestationRoots;

    @Column(name = "trusted_keys", nullable = false, length = 1_048_576)
    private String trustedKeys;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected AdminMetadataEntry() {
    }

    AdminMetadataEntry(AdminMetadataStatement statement, Instant at) {
        this.aaguid = statement.aaguid();
        this.createdAt = at;
        update(statement, at);
    }

    void update(AdminMetadataStatement statement, Instant at) {
        this.description = statement.description();
        this.attestationRoots = Pem.certificatesToPem(statement.attestationRoots());
        this.trustedKeys = Pem.publicKeysToPem(statement.trustedKeys());
        this.updatedAt = at;
    }

    public AdminMetadataStatement statement() {
        return AdminMetadataStatement.fromPem(aaguid, description, attestationRoots, trustedKeys);
    }

    public UUID aaguid() {
        return aaguid;
    }

    public String description() {
        return description;
    }

    public String attestationRootsPem() {
        return attestationRoots;
    }

    public String trustedKeysPem() {
        return trustedKeys;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
