package io.keyward.server.access;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.directory.CredentialsChanged;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/** Issues Temporary Access Passes. A user has at most one: issuing a new one replaces the old. */
@ApplicationScoped
public class TemporaryAccessPasses {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    /** Lifetime limits of a Temporary Access Pass, in minutes (Entra: 10 minutes to 30 days). */
    public static final int MIN_LIFETIME = 10;
    public static final int MAX_LIFETIME = 43200;

    @Transactional
    public IssuedAccessPass issue(DirectoryUser user, int lifetimeMinutes, boolean usableOnce, Actor actor) {
        return issue(user, clock.instant(), lifetimeMinutes, usableOnce, actor);
    }

    /** Issues a pass valid from {@code start} for {@code lifetimeMinutes}, replacing the user's previous one. */
    @Transactional
    public IssuedAccessPass issue(DirectoryUser user, java.time.Instant start, int lifetimeMinutes, boolean usableOnce, Actor actor) {
        if (lifetimeMinutes < MIN_LIFETIME || lifetimeMinutes > MAX_LIFETIME) {
            throw io.keyward.server.platform.Refused.invalid("lifetimeInMinutes must be from " + MIN_LIFETIME + " to " + MAX_LIFETIME + ".");
        }
        if (em.createQuery("delete from TemporaryAccessPass t where t.userId = :id").setParameter("id", user.id()).executeUpdate() > 0) {
            credentialsChanged.fire(new CredentialsChanged(user.id(), CredentialsChanged.Change.TEMPORARY_ACCESS_PASS_REMOVED, actor));
        }
        String code = SecretHasher.generateSecret(16);
        TemporaryAccessPass pass = new TemporaryAccessPass(UUID.randomUUID(), user.id(), SecretHasher.hashSecret(code),
                start, lifetimeMinutes, usableOnce, clock.instant());
        em.persist(pass);
        audit.fire(AuditRecord.of("UserManagement", "Admin registered temporary access pass method for user", actor)
                .operation("Add").target("User", user.id(), user.userPrincipalName())
                .change("lifetimeInMinutes", null, lifetimeMinutes)
                .change("isUsableOnce", null, usableOnce)
                .build());
        return new IssuedAccessPass(pass, code);
    }

    @Transactional
    public java.util.List<TemporaryAccessPass> list(UUID userId) {
        return em.createQuery("select t from TemporaryAccessPass t where t.userId = :u", TemporaryAccessPass.class)
                .setParameter("u", userId).getResultList();
    }

    @Transactional
    public TemporaryAccessPass require(UUID userId, String id) {
        return list(userId).stream().filter(t -> t.id().toString().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> io.keyward.server.platform.Refused.notFound("temporaryAccessPassAuthenticationMethod", id));
    }

    @Transactional
    public void delete(DirectoryUser user, String id, Actor actor) {
        em.remove(em.find(TemporaryAccessPass.class, require(user.id(), id).id()));
        credentialsChanged.fire(new CredentialsChanged(user.id(), CredentialsChanged.Change.TEMPORARY_ACCESS_PASS_REMOVED, actor));
        audit.fire(AuditRecord.of("UserManagement", "Admin deleted temporary access pass method for user", actor)
                .operation("Delete").target("User", user.id(), user.userPrincipalName())
                .change("temporaryAccessPass", id, null)
                .build());
    }

    /**
     * Signs a user in with a pass: the pass it matches, if usable, which a one-time pass then uses up.
     * Compared in constant time; the pass is never stored in clear. A one-time pass is used up by a conditional
     * update ({@code used_at is null}), so of two sign-ins racing with the same pass exactly one gets in.
     */
    @Transactional
    public java.util.Optional<TemporaryAccessPass> redeem(UUID userId, String code) {
        for (TemporaryAccessPass pass : list(userId)) {
            if (pass.isUsableAt(clock.instant()) && SecretHasher.matchesSecret(code.trim(), pass.passHash())) {
                boolean redeemed = !pass.usableOnce() || em.createQuery(
                                "update TemporaryAccessPass t set t.usedAt = :now where t.id = :id and t.usedAt is null")
                        .setParameter("now", clock.instant()).setParameter("id", pass.id()).executeUpdate() == 1;
                return redeemed ? java.util.Optional.of(pass) : java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }
}
