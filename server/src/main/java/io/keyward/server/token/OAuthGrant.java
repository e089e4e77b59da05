package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What one authorization code redemption granted: an app's access on behalf of a user, from one sign-in. Its
 * refresh tokens form a family that is revoked as a whole when a code or a rotated refresh token comes back.
 */
@Entity
@Table(name = "oauth_grant")
public class OAuthGrant {

    @Id
    private UUID id;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String scopes;

    @Column(name = "session_id")
    private UUID sessionId;

    @Column(name = "authenticated_at", nullable = false)
    private Instant authenticatedAt;

    @Column(nullable = false)
    private String amr;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_reason")
    private String revokedReason;

    protected OAuthGrant() {
    }

    OAuthGrant(UUID id, AuthorizationCode code, Instant createdAt) {
        this.id = id;
        this.applicationId = code.applicationId();
        this.userId = code.userId();
        this.scopes = code.scopes();
        this.sessionId = code.sessionId().orElse(null);
        this.authenticatedAt = code.authenticatedAt();
        this.amr = code.amr();
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    UUID applicationId() {
        return applicationId;
    }

    UUID userId() {
        return userId;
    }

    String scopes() {
        return scopes;
    }

    Optional<UUID> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    Instant authenticatedAt() {
        return authenticatedAt;
    }

    String amr() {
        return amr;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }
}
