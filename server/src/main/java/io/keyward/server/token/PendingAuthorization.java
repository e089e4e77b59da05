package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An authorization request parked while the person signs in, found again by its reference's hash. */
@Entity
@Table(name = "pending_authorization")
public class PendingAuthorization {

    @Id
    @Column(name = "reference_hash")
    private String referenceHash;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(nullable = false)
    private String request;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected PendingAuthorization() {
    }

    PendingAuthorization(String referenceHash, UUID applicationId, String request, Instant createdAt, Instant expiresAt) {
        this.referenceHash = referenceHash;
        this.applicationId = applicationId;
        this.request = request;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID applicationId() {
        return applicationId;
    }

    String request() {
        return request;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
