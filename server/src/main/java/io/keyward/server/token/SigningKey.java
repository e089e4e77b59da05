package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A token signing key as a JWK (private part included). Exactly one is {@code active}; retired keys stay
 * published in the JWKS until the tokens they signed have expired.
 */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    private String kid;

    @Column(nullable = false)
    private String algorithm;

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

    public SigningKey(String kid, String algorithm, String jwk, Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.jwk = jwk;
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

    public String jwk() {
        return jwk;
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
