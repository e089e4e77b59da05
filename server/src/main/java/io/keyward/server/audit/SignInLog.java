package io.keyward.server.audit;

import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sign-in log. Entries are written in their own transaction: a refused sign-in rolls its own work back,
 * but its log entry stays.
 */
@ApplicationScoped
public class SignInLog {

    static final Map<String, String> FILTERABLE = Map.of(
            "createdDateTime", "createdAt",
            "userId", "userId",
            "userPrincipalName", "userPrincipalName",
            "appId", "appId",
            "status/errorCode", "errorCode",
            "status/additionalDetails", "reasonCode");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public SignInEntry record(SignInRecord record) {
        SignInEntry entry = new SignInEntry(io.keyward.server.platform.TimeOrderedIds.next(clock), clock.instant(), record);
        em.persist(entry);
        return entry;
    }

    @Transactional
    public Page<SignInEntry> list(PageRequest page) {
        return Repositories.page(em, SignInEntry.class, FILTERABLE, page);
    }

    /** How many attempts of these methods for this user failed since {@code since}. */
    @Transactional
    public long failuresSince(UUID userId, java.util.Collection<String> methods, java.time.Instant since) {
        return em.createQuery("select count(e) from SignInEntry e where e.userId = :u and e.succeeded = false "
                        + "and e.method in :methods and e.createdAt > :since", Long.class)
                .setParameter("u", userId).setParameter("methods", methods).setParameter("since", since).getSingleResult();
    }

    @Transactional
    public Optional<SignInEntry> find(UUID id) {
        return Optional.ofNullable(em.find(SignInEntry.class, id));
    }
}
