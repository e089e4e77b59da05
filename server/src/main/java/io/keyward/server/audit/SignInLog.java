package io.keyward.server.audit;

import io.keyward.server.access.SignInAttempted;
import io.keyward.server.platform.TimeOrderedIds;
import io.keyward.server.platform.query.Criterion;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.Predicate;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
            "userPrincipalName", "upnKey",
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
        em.persist(new SignInEntry(TimeOrderedIds.next(clock), clock.instant(), attempt));
    }

    /**
     * How far an entry's id time may lie from its {@code createdAt}: both are read from one clock, one after the other
     * ({@link #write}), so they differ by a millisecond or so; the margin covers a clock stepped back or forth between them.
     */
    static final Duration ID_TIME_MARGIN = Duration.ofHours(1);

    /**
     * A page of entries, newest first by id. A {@code createdDateTime} range also bounds the id (ids are version 7
     * UUIDs of the same clock, {@link TimeOrderedIds}), so that the database walks the id index only over that range
     * instead of from the newest entry back to the range: a day 80 days ago in a million entries is read from its own
     * part of the index (docs/performance.md, "Scale"). The {@code createdAt} condition itself stays and decides.
     */
    @Transactional
    public Page<SignInEntry> list(PageRequest page) {
        return Repositories.page(em, SignInEntry.class, FILTERABLE, page, idRangeOf(page.filter()));
    }

    static Repositories.Scope<SignInEntry> idRangeOf(Optional<Criterion> filter) {
        List<Criterion.Compare> bounds = filter.map(SignInLog::conjuncts).orElse(List.of()).stream()
                .filter(c -> c instanceof Criterion.Compare cmp && cmp.property().equals("createdDateTime") && cmp.value() instanceof Instant)
                .map(Criterion.Compare.class::cast).toList();
        if (bounds.isEmpty()) {
            return Repositories.Scope.none();
        }
        return (root, query, cb) -> cb.and(bounds.stream().map(b -> {
            Instant at = (Instant) b.value();
            return switch (b.operator()) {
                case GE, GT -> cb.greaterThanOrEqualTo(root.<UUID>get("id"), TimeOrderedIds.first(at.minus(ID_TIME_MARGIN)));
                case LE, LT -> cb.lessThanOrEqualTo(root.<UUID>get("id"), TimeOrderedIds.last(at.plus(ID_TIME_MARGIN)));
            };
        }).toArray(Predicate[]::new));
    }

    /** The conditions that must all hold: the filter itself, or the members of a top-level {@code and} (nested ands too). */
    private static List<Criterion> conjuncts(Criterion c) {
        if (c instanceof Criterion.And and) {
            return and.all().stream().flatMap(member -> conjuncts(member).stream()).toList();
        }
        return List.of(c);
    }

    @Transactional
    public Optional<SignInEntry> find(UUID id) {
        return Optional.ofNullable(em.find(SignInEntry.class, id));
    }
}
