package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A token signing key: its JWK (private part included), sealed with the {@link KeyEncryptionKey}. Exactly one is
 * {@code active}; retired keys stay published in the JWKS until the tokens they signed have expired. Rows written
 * before keys were sealed hold the JWK in clear until the next start seals them.
 */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    private String kid;

    @Column(nullable = false)
    private String algorithm;

    /** The sealed JWK (a compact JWE), or a clear JWK (JSON) written before keys were sealed. */
    @Column(nullable = false)
    private String jwk;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    public SigningKey(String kid, String algorithm, String sealedJwk, Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.jwk = sealedJwk;
        this.status = "active";
        this.createdAt = createdAt;
    }

    public void retire(Instant at) {
        this.status = "retired";
        this.retiredAt = at;
    }

    public String kid() {
        return kid;
    }

    /** The JWS algorithm the key signs with ({@code RS256} or {@code ES256}). */
    public String algorithm() {
        return algorithm;
    }

    /** The JWK as stored: sealed, unless {@link #isClear()}. */
    public String storedJwk() {
        return jwk;
    }

    /** Whether the row still holds its JWK in clear (JSON), as rows did before keys were sealed. */
    public boolean isClear() {
        return jwk.stripLeading().startsWith("{");
    }

    /** Replaces a clear JWK with its sealed form. */
    void seal(String sealedJwk) {
        this.jwk = sealedJwk;
    }

    public boolean isActive() {
        return "active".equals(status);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt);
    }
}
