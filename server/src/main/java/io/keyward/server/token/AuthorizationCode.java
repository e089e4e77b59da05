package io.keyward.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A single-use authorization code, stored as its hash and bound to the client, the redirect URI, the PKCE challenge,
 * the nonce and the sign-in (session, time, methods) it was issued for. {@code grantId} is set when it is redeemed:
 * what it issued, revoked if the code comes back.
 */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCode {

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "application_id", nullable = false)
    private UUID applicationId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "redirect_uri", nullable = false)
    private String redirectUri;

    @Column(name = "code_challenge", nullable = false)
    private String codeChallenge;

    private String nonce;

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

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    @Column(name = "grant_id")
    private UUID grantId;

    protected AuthorizationCode() {
    }

    AuthorizationCode(String codeHash, UUID applicationId, UUID userId, AuthorizationRequest request, String scopes,
                      SignInSession session, Instant createdAt, Instant expiresAt) {
        this.codeHash = codeHash;
        this.applicationId = applicationId;
        this.userId = userId;
        this.redirectUri = request.redirectUri();
        this.codeChallenge = request.codeChallenge();
        this.nonce = request.nonce().orElse(null);
        this.scopes = scopes;
        this.sessionId = session.id();
        this.authenticatedAt = session.authenticatedAt();
        this.amr = String.join(" ", session.amr());
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID applicationId() {
        return applicationId;
    }

    UUID userId() {
        return userId;
    }

    String redirectUri() {
        return redirectUri;
    }

    String codeChallenge() {
        return codeChallenge;
    }

    Optional<String> nonce() {
        return Optional.ofNullable(nonce);
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

    Instant expiresAt() {
        return expiresAt;
    }

    Optional<UUID> grantId() {
        return Optional.ofNullable(grantId);
    }
}
