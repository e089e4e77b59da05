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

    /**
     * The passkey's AAGUID, which Graph shows as the {@code authenticationProcessingDetails} entry "Passkey AAGUID". Not a
     * property a {@code $filter} can name (it has a space): the resource turns
     * {@code authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq '…')} into it.
     */
    public static final String PASSKEY_AAGUID = "authenticationProcessingDetails/Passkey AAGUID";

    static final Map<String, String> FILTERABLE = Map.of(
            "createdDateTime", "createdAt",
            PASSKEY_AAGUID, "aaguid",
            "userId", "userId",
            "userPrincipalName", "userPrincipalName",
            "appId", "appId",
            "status/errorCode", "errorCode",
            "status/additionalDetails", "reasonCode");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    /** This bean through its proxy, so that the writes below run in the transaction they name. */
    @Inject
    SignInLog self;

    /**
     * Writes every attempt the sign-in ceremonies raise. A refusal is written in its own transaction: the refused
     * sign-in rolls its own work back, its log entry stays. A success is written in the sign-in's transaction (one
     * commit per sign-in), so it is logged exactly when the sign-in takes effect.
     */
    public void record(@Observes SignInAttempted attempt) {
        if (attempt.succeeded()) {
            self.recordWithSignIn(attempt);
        } else {
            self.recordAlone(attempt);
        }
    }

    @Transactional
    public void recordWithSignIn(SignInAttempted attempt) {
        write(attempt);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAlone(SignInAttempted attempt) {
        write(attempt);
    }

    private void write(SignInAttempted attempt) {
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
