package io.keyward.server.token;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Authorization codes and refresh tokens. A code is used up by a conditional update before anything else is checked,
 * so a replayed, raced or wrongly presented code is burnt; a code presented again revokes the grant it gave
 * (RFC 6749 §4.1.2, §10.5). Refresh tokens rotate: each use replaces the token, and a replaced token presented again
 * revokes its whole family (RFC 9700 §4.14.2). Every value is stored as its SHA-256 only.
 */
@ApplicationScoped
public class Grants {

    private static final Logger LOG = Logger.getLogger(Grants.class.getName());
    static final String OFFLINE_ACCESS = "offline_access";
    private static final java.time.Duration UNREDEEMED_KEPT_AFTER_EXPIRY = java.time.Duration.ofHours(1);

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    UserService users;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    /** Issues a code for {@code request}, answered by the sign-in {@code session} of {@code userId}. */
    @Transactional
    public String issueCode(AuthorizationRequest request, ClientApplication app, UUID userId, SignInSession session) {
        Instant now = clock.instant();
        Set<String> scopes = new LinkedHashSet<>(AuthenticationProof.scopesAllowedFor(session.amr(), request.scopes()));
        if (request.refresh()) {
            scopes.add(OFFLINE_ACCESS);
        }
        String code = Hashes.randomValue();
        em.persist(new AuthorizationCode(Hashes.sha256(code), app.id(), userId, request, String.join(" ", scopes), session, now,
                now.plus(config.authorizationCodeLifetime())));
        return code;
    }

    /**
     * Redeems a code for {@code client}: the code is used up first, then it must be unexpired, the client's, for the
     * same redirect URI, and the verifier must match the S256 challenge (RFC 7636 §4.6).
     */
    @Transactional
    public Grant redeem(String code, ClientApplication client, String redirectUri, String verifier) throws GrantRefused {
        Instant now = clock.instant();
        String hash = Hashes.sha256(code);
        UUID grantId = UUID.randomUUID();
        int taken = em.createQuery("update AuthorizationCode c set c.redeemedAt = :now, c.grantId = :grant "
                        + "where c.codeHash = :hash and c.redeemedAt is null")
                .setParameter("now", now).setParameter("grant", grantId).setParameter("hash", hash).executeUpdate();
        AuthorizationCode stored = em.find(AuthorizationCode.class, hash);
        if (stored == null) {
            throw new GrantRefused("invalid_grant", ReasonCode.AUTHORIZATION_CODE_INVALID, "The authorization code is not valid.");
        }
        if (taken == 0) {
            em.refresh(stored);
            stored.grantId().ifPresent(id -> revoke(id, ReasonCode.AUTHORIZATION_CODE_REPLAYED));
            throw new GrantRefused("invalid_grant", ReasonCode.AUTHORIZATION_CODE_REPLAYED,
                    "The authorization code has already been redeemed. The tokens it issued are revoked.");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw new GrantRefused("invalid_grant", ReasonCode.AUTHORIZATION_CODE_INVALID, "The authorization code has expired.");
        }
        if (!stored.applicationId().equals(client.id())) {
            throw new GrantRefused("invalid_grant", ReasonCode.AUTHORIZATION_CODE_INVALID, "The authorization code was issued to another client.");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw new GrantRefused("invalid_grant", ReasonCode.REDIRECT_URI_MISMATCH,
                    "redirect_uri differs from the one of the authorization request (RFC 6749 §4.1.3).");
        }
        if (verifier == null || !pkceMatches(stored.codeChallenge(), verifier)) {
            throw new GrantRefused("invalid_grant", ReasonCode.PKCE_FAILED, verifier == null
                    ? "The request must contain the parameter 'code_verifier' (PKCE, RFC 7636)."
                    : "The code_verifier does not match the code_challenge of the authorization request.");
        }
        DirectoryUser user = activeUser(stored.userId(), ReasonCode.AUTHORIZATION_CODE_INVALID);
        OAuthGrant grant = new OAuthGrant(grantId, stored, now);
        em.persist(grant);
        return view(grant, client, stored.nonce(), user);
    }

    /**
     * Exchanges a refresh token of {@code client} for a new one. The old one is used up by a conditional update; if
     * it had been used up before, the family is revoked.
     */
    @Transactional
    public Grant refresh(String token, ClientApplication client) throws GrantRefused {
        Instant now = clock.instant();
        String hash = Hashes.sha256(token);
        int taken = em.createQuery("update RefreshToken t set t.rotatedAt = :now where t.tokenHash = :hash and t.rotatedAt is null")
                .setParameter("now", now).setParameter("hash", hash).executeUpdate();
        RefreshToken stored = em.find(RefreshToken.class, hash);
        if (stored == null) {
            throw new GrantRefused("invalid_grant", ReasonCode.REFRESH_TOKEN_INVALID, "The refresh token is not valid.");
        }
        OAuthGrant grant = em.find(OAuthGrant.class, stored.grantId());
        if (taken == 0) {
            revoke(grant.id(), ReasonCode.REFRESH_TOKEN_REUSED);
            throw new GrantRefused("invalid_grant", ReasonCode.REFRESH_TOKEN_REUSED,
                    "The refresh token has already been used. Every token of this sign-in is revoked; sign in again.");
        }
        if (!grant.applicationId().equals(client.id())) {
            throw new GrantRefused("invalid_grant", ReasonCode.REFRESH_TOKEN_INVALID, "The refresh token was issued to another client.");
        }
        if (grant.isRevoked()) {
            throw new GrantRefused("invalid_grant", ReasonCode.REFRESH_TOKEN_INVALID, "The refresh token has been revoked; sign in again.");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw new GrantRefused("invalid_grant", ReasonCode.REFRESH_TOKEN_INVALID, "The refresh token has expired; sign in again.");
        }
        DirectoryUser user = activeUser(grant.userId(), ReasonCode.REFRESH_TOKEN_INVALID);
        // As in Entra, revoking a user's sign-in sessions (sign-out, revokeSignInSessions, credential changes) revokes
        // the refresh tokens of sign-ins before it too.
        if (!user.acceptsSessionStartedAt(grant.authenticatedAt())) {
            revoke(grant.id(), ReasonCode.REFRESH_TOKEN_INVALID);
            throw new GrantRefused("invalid_grant", ReasonCode.REFRESH_TOKEN_INVALID,
                    "The user's sign-in sessions were revoked after this sign-in; sign in again.");
        }
        return view(grant, client, Optional.empty(), user);
    }

    private Grant view(OAuthGrant grant, ClientApplication client, Optional<String> nonce, DirectoryUser user) {
        Set<String> scopes = new LinkedHashSet<>(Authorizations.words(grant.scopes()));
        boolean offline = scopes.remove(OFFLINE_ACCESS);
        Optional<String> refreshToken = offline ? Optional.of(issueRefreshToken(grant.id())) : Optional.empty();
        return new Grant(grant.id(), client, user, users.directoryRoles(user.id()), scopes, grant.sessionId(), grant.authenticatedAt(),
                AuthenticationProof.amrOf(grant.amr()), nonce, refreshToken);
    }

    private String issueRefreshToken(UUID grantId) {
        Instant now = clock.instant();
        String token = Hashes.randomValue();
        em.persist(new RefreshToken(Hashes.sha256(token), grantId, now, now.plus(config.refreshTokenLifetime())));
        return token;
    }

    private DirectoryUser activeUser(UUID userId, ReasonCode reason) throws GrantRefused {
        Optional<DirectoryUser> user = users.find(userId.toString()).filter(DirectoryUser::accountEnabled);
        if (user.isEmpty()) {
            throw new GrantRefused("invalid_grant", reason, "The user's account no longer exists or is disabled.");
        }
        return user.get();
    }

    /**
     * Removes what can no longer be used nor tell of an attack; {@link io.keyward.server.operations.Housekeeping}
     * calls it, so no sign-in pays for it. A code never redeemed goes an hour after it expired (until then it is
     * refused as expired rather than unknown). A redeemed code is kept for the refresh-token lifetime: presented again
     * within it, it revokes what it granted. Refresh tokens go when they expire (a rotated one is kept until then, so
     * its reuse still revokes its family); a grant goes once it is older than the refresh-token lifetime and has no
     * refresh token left.
     */
    @Transactional
    public Purged purgeExpired(Instant now) {
        Instant keptUntil = now.minus(config.refreshTokenLifetime());
        int codes = em.createQuery("delete from AuthorizationCode c where c.expiresAt < :expired and c.redeemedAt is null")
                .setParameter("expired", now.minus(UNREDEEMED_KEPT_AFTER_EXPIRY)).executeUpdate()
                + em.createQuery("delete from AuthorizationCode c where c.redeemedAt < :redeemed").setParameter("redeemed", keptUntil).executeUpdate();
        int refreshTokens = em.createQuery("delete from RefreshToken t where t.expiresAt < :now").setParameter("now", now).executeUpdate();
        int grants = em.createQuery("delete from OAuthGrant g where g.createdAt < :created "
                        + "and not exists (select t.tokenHash from RefreshToken t where t.grantId = g.id)")
                .setParameter("created", keptUntil).executeUpdate();
        return new Purged(codes, refreshTokens, grants);
    }

    /** How many rows {@link #purgeExpired} removed. */
    public record Purged(int authorizationCodes, int refreshTokens, int grants) {
    }

    /** Revokes a grant: none of its refresh tokens works again. */
    void revoke(UUID grantId, ReasonCode reason) {
        int revoked = em.createQuery("update OAuthGrant g set g.revokedAt = :now, g.revokedReason = :reason where g.id = :id and g.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("reason", reason.code()).setParameter("id", grantId).executeUpdate();
        if (revoked == 1) {
            LOG.warning(() -> "Revoked grant " + grantId + " and its refresh tokens: " + reason.code());
        }
    }

    /** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge, compared in constant time. */
    static boolean pkceMatches(String challenge, String verifier) {
        CodeVerifier parsed;
        try {
            parsed = new CodeVerifier(verifier);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String computed = CodeChallenge.compute(CodeChallengeMethod.S256, parsed).getValue();
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
