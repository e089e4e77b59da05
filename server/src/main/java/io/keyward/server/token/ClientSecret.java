package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A client secret, stored only as a hash; {@code hint} is its first characters, for admins to tell secrets apart. */
@Entity
@Table(name = "client_secret")
public class ClientSecret {

    @Id
    private UUID id;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(name = "display_name")
    private String displayName;

    @Column(nullable = false)
    private String hint;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected ClientSecret() {
    }

    public ClientSecret(UUID id, UUID applicationId, String displayName, String hint, String secretHash,
                        Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.applicationId = applicationId;
        this.displayName = displayName;
        this.hint = hint;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** The {@code keyId} of Graph's passwordCredential. */
    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String hint() {
        return hint;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public UUID applicationId() {
        return applicationId;
    }

    public String secretHash() {
        return secretHash;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
