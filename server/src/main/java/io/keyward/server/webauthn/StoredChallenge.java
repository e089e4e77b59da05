package io.keyward.server.webauthn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A WebAuthn challenge waiting for its ceremony to finish; deleted when consumed. */
@Entity
@Table(name = "webauthn_challenge")
public class StoredChallenge {

    /** The challenge itself, base64url without padding. */
    @Id
    private String challenge;

    @Column(nullable = false)
    private String purpose;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "channel")
    private String channel;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredChallenge() {
    }

    StoredChallenge(String challenge, String purpose, UUID userId, String channel, Instant createdAt, Instant expiresAt) {
        this.challenge = challenge;
        this.purpose = purpose;
        this.userId = userId;
        this.channel = channel;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String challenge() { return challenge; }
    public String purpose() { return purpose; }
    public Optional<UUID> userId() { return Optional.ofNullable(userId); }
    public Optional<String> channel() { return Optional.ofNullable(channel); }
    public Instant expiresAt() { return expiresAt; }
}
