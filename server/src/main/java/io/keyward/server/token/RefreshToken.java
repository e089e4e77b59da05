package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A refresh token, stored as its hash; {@code rotatedAt} is set when it was used and replaced. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "grant_id", nullable = false)
    private UUID grantId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    protected RefreshToken() {
    }

    RefreshToken(String tokenHash, UUID grantId, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.grantId = grantId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID grantId() {
        return grantId;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
