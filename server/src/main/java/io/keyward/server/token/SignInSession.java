package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A browser sign-in on Keyward's pages, as OpenID Connect tells it: its id ({@code sid}), who, when
 * ({@code auth_time}) and how ({@code amr}). Bound to the session cookie by the cookie's SHA-256; ended at sign-out.
 */
@Entity
@Table(name = "sign_in_session")
public class SignInSession {

    @Id
    private UUID id;

    @Column(name = "cookie_hash", nullable = false)
    private String cookieHash;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String method;

    @Column(nullable = false)
    private String amr;

    private UUID aaguid;

    @Column(name = "authenticated_at", nullable = false)
    private Instant authenticatedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected SignInSession() {
    }

    SignInSession(UUID id, String cookieHash, UUID userId, AuthenticationProof proof, Instant authenticatedAt, Instant expiresAt) {
        this.id = id;
        this.cookieHash = cookieHash;
        this.userId = userId;
        this.method = proof.method();
        this.amr = proof.amrText();
        this.aaguid = proof.aaguid().orElse(null);
        this.authenticatedAt = authenticatedAt;
        this.expiresAt = expiresAt;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public List<String> amr() {
        return AuthenticationProof.amrOf(amr);
    }

    public String acr() {
        return AuthenticationProof.acrOf(amr());
    }

    /**
     * How the session was proved: {@code passkey}, {@code password}, {@code temporaryAccessPassOneTime},
     * {@code temporaryAccessPassMultiUse} (or {@code temporaryAccessPass} for sessions opened before the kind was kept).
     */
    public String method() {
        return method;
    }

    public Optional<UUID> aaguid() {
        return Optional.ofNullable(aaguid);
    }

    public Instant authenticatedAt() {
        return authenticatedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    boolean isOpenAt(Instant now) {
        return endedAt == null && expiresAt.isAfter(now);
    }

    void end(Instant at) {
        endedAt = at;
    }
}
