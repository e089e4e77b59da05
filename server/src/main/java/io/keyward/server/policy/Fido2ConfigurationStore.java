package io.keyward.server.policy;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.directory.Group;
import io.keyward.server.directory.GroupService;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Reads and changes the stored FIDO2 configuration. A change locks the row, so concurrent changes apply one after
 * the other and a stale {@code If-Match} is caught; it checks the targets against the directory and writes the
 * directory audit entry, with the configuration before and after, in the same transaction.
 */
@ApplicationScoped
public class Fido2ConfigurationStore {

    static final String CATEGORY = "Policy";
    static final String ACTIVITY = "Update authentication methods policy";

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    GroupService groups;

    @Inject
    UserService users;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Transactional
    public StoredFido2Configuration load() {
        AuthenticationMethodPolicyRow row = em.find(AuthenticationMethodPolicyRow.class, AuthenticationMethodPolicyRow.FIDO2);
        return row == null ? new StoredFido2Configuration(Fido2Configuration.defaults(), 0, clock.instant()) : row.fido2();
    }

    /**
     * Applies {@code change} to the current configuration when {@code ifMatch} allows it; a change that changes
     * nothing is not stored, versioned or audited. Returns the configuration now stored.
     */
    @Transactional
    public StoredFido2Configuration update(String ifMatch, UnaryOperator<Fido2Configuration> change, Actor actor) {
        AuthenticationMethodPolicyRow row = em.find(AuthenticationMethodPolicyRow.class, AuthenticationMethodPolicyRow.FIDO2,
                LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new AuthenticationMethodPolicyRow(AuthenticationMethodPolicyRow.FIDO2, clock.instant());
            em.persist(row);
        }
        StoredFido2Configuration before = row.fido2();
        if (!before.matches(ifMatch)) {
            throw new Refused(ReasonCode.RESOURCE_MODIFIED, "The passkey policy has changed since it was read (its ETag is now "
                    + before.etag() + ", the request's If-Match was " + ifMatch + "). Read it again and repeat the change.");
        }
        Fido2Configuration next = change.apply(before.configuration());
        if (next.equals(before.configuration())) {
            return before;
        }
        requireTargetsExist(before.configuration(), next);
        row.store(next, clock.instant());
        audit.fire(AuditRecord.of(CATEGORY, ACTIVITY, actor)
                .target("Policy", "Fido2", "Passkeys (FIDO2) authentication method")
                .change("fido2AuthenticationMethodConfiguration", Fido2ConfigurationDocument.write(before.configuration()),
                        Fido2ConfigurationDocument.write(next))
                .build());
        return row.fido2();
    }

    /**
     * Targets new to this change must exist; group targets must be security groups (DESIGN §3). Targets saved
     * earlier are not checked again, so a later deleted group never blocks unrelated changes.
     */
    private void requireTargetsExist(Fido2Configuration before, Fido2Configuration next) {
        Set<String> known = new HashSet<>();
        before.includeTargets().forEach(t -> known.add(t.targetType() + ":" + t.id()));
        before.excludeTargets().forEach(t -> known.add(t.targetType() + ":" + t.id()));
        for (IncludeTarget target : next.includeTargets()) {
            if (!target.isAllUsers() && !known.contains(target.targetType() + ":" + target.id())) {
                requireTarget(target.targetType(), target.objectId().orElseThrow(), "includeTargets");
            }
        }
        for (ExcludeTarget target : next.excludeTargets()) {
            if (!known.contains(target.targetType() + ":" + target.id())) {
                requireTarget(target.targetType(), target.objectId(), "excludeTargets");
            }
        }
    }

    private void requireTarget(TargetType type, UUID id, String where) {
        if (type == TargetType.user) {
            users.find(id.toString()).orElseThrow(() -> Refused.invalid(
                    "The user " + id + " in " + where + " does not exist."));
            return;
        }
        Group group = groups.find(id.toString()).orElseThrow(() -> Refused.invalid(
                "The group " + id + " in " + where + " does not exist."));
        if (!group.securityEnabled()) {
            throw new Refused(ReasonCode.NON_SECURITY_GROUP_TARGET, "The group '" + group.displayName() + "' (" + id
                    + ") in " + where + " is not a security group. Only security groups can be targets of the passkey policy.");
        }
    }
}
