package io.keyward.server.audit;

import io.keyward.server.access.SignInAttempted;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    /**
     * Writes every attempt the sign-in ceremonies raise, in its own transaction: a refused sign-in rolls its own
     * work back, its log entry stays.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(@Observes SignInAttempted attempt) {
        em.persist(new SignInEntry(io.keyward.server.platform.TimeOrderedIds.next(clock), clock.instant(), attempt));
    }

    @Transactional
    public Page<SignInEntry> list(PageRequest page) {
        return Repositories.page(em, SignInEntry.class, FILTERABLE, page);
    }

    @Transactional
    public Optional<SignInEntry> find(UUID id) {
        return Optional.ofNullable(em.find(SignInEntry.class, id));
    }
}
