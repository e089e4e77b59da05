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
import java.util.UUID;

/**
 * Single-use, expiring WebAuthn challenges in the database, so that any node can finish a ceremony another
 * began. A challenge is 32 random bytes (WebAuthn L3 §13.4.3 asks for at least 16). Consuming deletes the row:
 * of two concurrent finishes with the same challenge exactly one deletes it, the other gets
 * {@code challengeNotFound}.
 */
@ApplicationScoped
public class ChallengeStore {

    public static final String REGISTRATION = "registration";
    public static final String AUTHENTICATION = "authentication";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

    private volatile Instant lastCleanup;

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    /** This bean through its proxy, so that {@link #take} runs in its own transaction. */
    @Inject
    ChallengeStore self;

    @Transactional
    public StoredChallenge issue(String purpose, UUID userId, String channel, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Instant now = clock.instant();
        StoredChallenge challenge = new StoredChallenge(B64URL.encodeToString(bytes), purpose, userId, channel, now, now.plus(lifetime));
        em.persist(challenge);
        // Challenges expired for an hour are removed as new ones are issued, at most once a minute per node:
        // nothing else needs them, and the sign-in path should not pay a DELETE every time.
        Instant last = lastCleanup;
        if (last == null || last.plus(CLEANUP_INTERVAL).isBefore(now)) {
            lastCleanup = now;
            em.createQuery("delete from StoredChallenge c where c.expiresAt < :cutoff")
                    .setParameter("cutoff", now.minus(Duration.ofHours(1))).executeUpdate();
        }
        return challenge;
    }

    /**
     * Consumes a challenge for a purpose: refused when unknown or already used ({@code challengeNotFound}) or
     * expired ({@code challengeExpired}). The challenge is used up in its own transaction before the response is
     * verified, so a failed verification burns it too and a response can never be replayed.
     */
    public StoredChallenge consume(String challenge, String purpose) {
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

    /** Deletes the challenge row; only the caller whose delete removed it gets it back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public java.util.Optional<StoredChallenge> take(String challenge) {
        if (challenge == null || challenge.length() > 64) {
            return java.util.Optional.empty();
        }
        StoredChallenge stored = em.find(StoredChallenge.class, challenge);
        if (stored == null) {
            return java.util.Optional.empty();
        }
        int deleted = em.createQuery("delete from StoredChallenge c where c.challenge = :c").setParameter("c", challenge).executeUpdate();
        return deleted == 1 ? java.util.Optional.of(stored) : java.util.Optional.empty();
    }
}
