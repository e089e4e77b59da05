package io.keyward.server.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenID Connect side of browser sessions ({@link SignInSession}): started when the sign-in page opens a session
 * cookie, found again by that cookie, ended at sign-out. The cookie itself stays what {@link WebSessions} makes it;
 * this only remembers what ID tokens tell about the sign-in that opened it.
 */
@ApplicationScoped
public class SignInSessions {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    /** Remembers the sign-in that opened the session cookie {@code cookieValue}; returns it with its new {@code sid}. */
    @Transactional
    public SignInSession start(String cookieValue, UUID userId, AuthenticationProof proof, Duration lifetime) {
        Instant now = clock.instant();
        SignInSession session = new SignInSession(UUID.randomUUID(), Hashes.sha256(cookieValue), userId, proof, now, now.plus(lifetime));
        em.persist(session);
        return session;
    }

    /** The open sign-in behind a session cookie, if it is known, not ended and unexpired. */
    @Transactional
    public Optional<SignInSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return em.createQuery("select s from SignInSession s where s.cookieHash = :hash", SignInSession.class)
                .setParameter("hash", Hashes.sha256(cookieValue)).getResultStream().findFirst()
                .filter(s -> s.isOpenAt(now));
    }

    /** Ends a sign-in: its cookie no longer signs anyone into an app, even if a copy of it is still valid elsewhere. */
    @Transactional
    public void end(UUID sessionId) {
        Optional.ofNullable(em.find(SignInSession.class, sessionId)).ifPresent(s -> s.end(clock.instant()));
    }

    /** Removes expired sessions; {@link io.keyward.server.operations.Housekeeping} calls it. */
    @Transactional
    public int purgeExpired(Instant now) {
        return em.createQuery("delete from SignInSession s where s.expiresAt < :now").setParameter("now", now).executeUpdate();
    }
}
