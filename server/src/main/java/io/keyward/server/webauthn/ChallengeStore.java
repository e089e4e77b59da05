package io.keyward.server.webauthn;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use, expiring WebAuthn challenges that any node can finish. Registration challenges are 32 random bytes
 * stored in the database; consuming deletes the row, so of two concurrent finishes exactly one deletes it and the
 * other gets {@code challengeNotFound}. Sign-in challenges are {@linkplain SignedChallenges signed} and cost a row
 * only when used: consuming inserts a mark in the sign-in's own transaction, and of two concurrent finishes exactly
 * one insert succeeds (the other waits for the first to commit, then conflicts). A sign-in that is refused rolls its
 * mark back with everything else, so it {@linkplain #burn burns} the challenge afterwards in a transaction of its own.
 */
@ApplicationScoped
public class ChallengeStore {

    public static final String REGISTRATION = "registration";
    public static final String AUTHENTICATION = "authentication";
    /** The purpose of the row that marks a signed sign-in challenge as used. */
    public static final String USED = "used-signin";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    /** How long an expired challenge (or the mark of a used one) is kept, so a late answer is told it expired. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofHours(1);

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @jakarta.annotation.Resource(lookup = "java:jboss/datasources/KeywardDS")
    javax.sql.DataSource dataSource;

    @Inject
    Clock clock;

    /** This bean through its proxy, so that {@link #take} runs in its own transaction. */
    @Inject
    ChallengeStore self;

    @Inject
    SignedChallenges signed;

    /**
     * A challenge for a ceremony. Registration challenges are stored (they belong to a known, authorized user and
     * may live up to 30 days); sign-in challenges, which anyone may ask for, are {@linkplain SignedChallenges signed}
     * and stored only when used up, so options requests cost no database write.
     */
    public StoredChallenge issue(String purpose, UUID userId, String channel, Duration lifetime) {
        Instant now = clock.instant();
        if (AUTHENTICATION.equals(purpose)) {
            Instant expiresAt = now.plus(lifetime);
            return new StoredChallenge(signed.issue(expiresAt, Optional.ofNullable(userId)), purpose, userId, channel, now, expiresAt);
        }
        return self.store(purpose, userId, channel, now, lifetime);
    }

    /** A new stored (registration) challenge. */
    @Transactional
    public StoredChallenge store(String purpose, UUID userId, String channel, Instant now, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        StoredChallenge challenge = new StoredChallenge(B64URL.encodeToString(bytes), purpose, userId, channel, now, now.plus(lifetime));
        em.persist(challenge);
        return challenge;
    }

    /**
     * Removes challenges expired for an hour and the marks of used sign-in challenges that could no longer be replayed
     * anyway; {@link io.keyward.server.operations.Housekeeping} calls it, so no ceremony pays for the DELETE.
     */
    @Transactional
    public int purgeExpired(Instant now) {
        return em.createQuery("delete from StoredChallenge c where c.expiresAt < :cutoff")
                .setParameter("cutoff", now.minus(KEPT_AFTER_EXPIRY)).executeUpdate();
    }

    /**
     * Consumes a challenge for a purpose: refused when unknown or already used ({@code challengeNotFound}) or
     * expired ({@code challengeExpired}). A registration challenge is used up in its own transaction before the
     * response is verified, so a failed verification burns it too and a response can never be replayed. A signed
     * sign-in challenge is marked used in the caller's transaction (one commit per sign-in); a caller whose
     * transaction rolls back calls {@link #burn} once it has.
     */
    public StoredChallenge consume(String challenge, String purpose) {
        Optional<SignedChallenges.Claims> claims = Optional.ofNullable(challenge).filter(c -> c.length() <= 100)
                .flatMap(c -> decode(c)).flatMap(signed::read);
        if (claims.isPresent()) {
            return consumeSigned(challenge, purpose, claims.get());
        }
        StoredChallenge stored = self.take(challenge)
                .orElseThrow(() -> new Refused(ReasonCode.CHALLENGE_NOT_FOUND,
                        "The challenge is unknown or has already been used; start again."));
        if (!stored.purpose().equals(purpose)) {
            throw new Refused(ReasonCode.CHALLENGE_NOT_FOUND, "The challenge was issued for " + stored.purpose() + ", not " + purpose + ".");
        }
        if (stored.expiresAt().isBefore(clock.instant())) {
            throw new Refused(ReasonCode.CHALLENGE_EXPIRED, "The challenge expired at " + stored.expiresAt() + "; start again.");
        }
        return stored;
    }

    /**
     * A signed sign-in challenge: checked for expiry, then used up by inserting a mark keyed by its digest; of two
     * concurrent finishes only one insert succeeds (the other conflicts and does nothing), so it is single use
     * across nodes exactly as a stored challenge is.
     */
    private StoredChallenge consumeSigned(String challenge, String purpose, SignedChallenges.Claims claims) {
        if (!AUTHENTICATION.equals(purpose)) {
            throw new Refused(ReasonCode.CHALLENGE_NOT_FOUND, "The challenge was issued for " + AUTHENTICATION + ", not " + purpose + ".");
        }
        Instant now = clock.instant();
        if (claims.expiresAt().isBefore(now)) {
            throw new Refused(ReasonCode.CHALLENGE_EXPIRED, "The challenge expired at " + claims.expiresAt() + "; start again.");
        }
        if (!markUsed(usedMark(challenge), claims.expiresAt(), now)) {
            throw new Refused(ReasonCode.CHALLENGE_NOT_FOUND, "The challenge is unknown or has already been used; start again.");
        }
        return new StoredChallenge(challenge, AUTHENTICATION, claims.boundTo().orElse(null), null, now, claims.expiresAt());
    }

    /**
     * Uses up a signed sign-in challenge whose ceremony was refused and rolled back, so that the same challenge
     * cannot be tried again: a failed or replayed response burns it. Anything that is not a challenge this
     * deployment signed is ignored (it was refused already and costs no row).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void burn(String challenge) {
        Optional.ofNullable(challenge).filter(c -> c.length() <= 100).flatMap(ChallengeStore::decode).flatMap(signed::read)
                .ifPresent(claims -> markUsed(usedMark(challenge), claims.expiresAt(), clock.instant()));
    }

    /** Records that a signed challenge is used up, in the caller's transaction; false when it already was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markUsed(String mark, Instant expiresAt, Instant now) {
        return em.createNativeQuery("insert into webauthn_challenge (challenge, purpose, expires_at, created_at) values (?1, ?2, ?3, ?4) "
                        + "on conflict do nothing")
                .setParameter(1, mark).setParameter(2, USED).setParameter(3, expiresAt).setParameter(4, now).executeUpdate() == 1;
    }

    /** The row key of a used signed challenge: its SHA-256, base64url (43 characters), never a valid challenge itself. */
    private static String usedMark(String challenge) {
        try {
            return B64URL.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(challenge.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static Optional<byte[]> decode(String challenge) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(challenge));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The rows of the challenge store by purpose ({@code registration}, and {@code used-signin} for the marks of used
     * sign-in challenges; unused sign-in challenges cost no row), expired ones included until they are purged. Plain
     * JDBC outside any transaction: it is read by the metrics scrape, on a management thread.
     */
    public java.util.Map<String, Long> storedCounts() throws java.sql.SQLException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        counts.put(REGISTRATION, 0L);
        counts.put(USED, 0L);
        try (java.sql.Connection connection = dataSource.getConnection(); java.sql.Statement query = connection.createStatement();
             java.sql.ResultSet rows = query.executeQuery("select purpose, count(*) from webauthn_challenge group by purpose")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** Deletes the challenge row; only the caller whose delete removed it gets it back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public java.util.Optional<StoredChallenge> take(String challenge) {
        if (challenge == null || challenge.length() > 64) {
            return java.util.Optional.empty();
        }
        StoredChallenge stored = em.find(StoredChallenge.class, challenge);
        // A used-challenge mark is never a challenge: presenting one must neither match nor erase it (replay).
        if (stored == null || USED.equals(stored.purpose())) {
            return java.util.Optional.empty();
        }
        int deleted = em.createQuery("delete from StoredChallenge c where c.challenge = :c and c.purpose <> :used")
                .setParameter("c", challenge).setParameter("used", USED).executeUpdate();
        return deleted == 1 ? java.util.Optional.of(stored) : java.util.Optional.empty();
    }
}
