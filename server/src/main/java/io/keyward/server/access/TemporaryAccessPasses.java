package io.keyward.server.access;

import io.keyward.server.audit.AuditRecord;
import io.keyward.server.audit.DirectoryAuditLog;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
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
    DirectoryAuditLog audit;

    @Transactional
    public IssuedAccessPass issue(DirectoryUser user, int lifetimeMinutes, boolean usableOnce, Actor actor) {
        em.createQuery("delete from TemporaryAccessPass t where t.userId = :id").setParameter("id", user.id()).executeUpdate();
        String code = SecretHasher.generateSecret(16);
        TemporaryAccessPass pass = new TemporaryAccessPass(UUID.randomUUID(), user.id(), SecretHasher.hashSecret(code),
                clock.instant(), lifetimeMinutes, usableOnce, clock.instant());
        em.persist(pass);
        audit.record(AuditRecord.of("UserManagement", "Admin registered temporary access pass method for user", actor)
                .operation("Add").target("User", user.id(), user.userPrincipalName())
                .change("lifetimeInMinutes", null, lifetimeMinutes)
                .change("isUsableOnce", null, usableOnce)
                .build());
        return new IssuedAccessPass(pass, code);
    }
}
