package io.keyward.server.access;

import io.keyward.server.directory.GroupService;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.AfterCommit;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.DirectoryRole;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conditional access policies: created, changed and deleted over Graph, each change checked against the directory
 * (users, security groups, directory roles, registered apps, authentication strengths) and audited with the policy
 * before and after. Sign-ins read them through {@link #active()}: each node keeps a copy for
 * {@code keyward.policy.cache-seconds} (5), like the passkey policy; a change made on this node counts here as soon as
 * it commits, on the other nodes when their copy expires.
 */
@ApplicationScoped
public class ConditionalAccessPolicies {

    static final String CATEGORY = "Policy";
    static final int MAX_NAME = 256;
    static final int MAX_ENTRIES = 200;

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    UserService users;

    @Inject
    GroupService groups;

    @Inject
    AppRegistrations apps;

    @Inject
    AuthenticationStrengths strengths;

    @Inject
    Event<AuditRecord> audit;

    @Inject
    KeywardConfig config;

    /** This bean through its proxy, so that {@link #active()} reads in a transaction. */
    @Inject
    ConditionalAccessPolicies self;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** This node's copy of the policies, when it was read ({@link System#nanoTime()}) and at which change count. */
    private record Copy(List<ConditionalAccessPolicy> policies, long readAt, long changesSeen) {
    }

    private volatile Copy copy;
    private long ttlNanos;

    /** Changes committed on this node; a copy read before the latest one is not used. */
    private final AtomicLong changes = new AtomicLong();

    @Transactional
    public List<ConditionalAccessPolicy> list() {
        return em.createQuery("select p from StoredConditionalAccessPolicy p order by p.createdAt, p.id", StoredConditionalAccessPolicy.class)
                .getResultList().stream().map(StoredConditionalAccessPolicy::value).toList();
    }

    @Transactional
    public ConditionalAccessPolicy require(String id) {
        return AuthenticationStrengths.guid(id).map(g -> em.find(StoredConditionalAccessPolicy.class, g))
                .map(StoredConditionalAccessPolicy::value).orElseThrow(() -> Refused.notFound("conditionalAccessPolicy", id));
    }

    @Transactional
    public ConditionalAccessPolicy create(ConditionalAccessDraft draft, Actor actor) {
        Instant now = clock.instant();
        ConditionalAccessPolicy policy = validate(new ConditionalAccessPolicy(UUID.randomUUID(),
                draft.displayName().orElseThrow(() -> Refused.invalid("A conditional access policy needs a displayName.")),
                draft.state().orElseThrow(() -> Refused.invalid("A conditional access policy needs a state: enabled, disabled or "
                        + "enabledForReportingButNotEnforced.")),
                draft.users().orElseThrow(() -> Refused.invalid("conditions.users is required: say whom the policy applies to.")),
                draft.applications().orElseThrow(() -> Refused.invalid("conditions.applications is required: say which apps the policy protects.")),
                draft.grant().orElseThrow(() -> Refused.invalid("grantControls is required: block, or an authenticationStrength.")),
                now, now));
        em.persist(new StoredConditionalAccessPolicy(policy));
        forgetCopyOnCommit();
        audit.fire(AuditRecord.of(CATEGORY, "Add conditional access policy", actor).operation("Add")
                .target("Policy", policy.id(), policy.displayName()).change("conditionalAccessPolicy", null, describe(policy)).build());
        return policy;
    }

    @Transactional
    public ConditionalAccessPolicy update(String id, ConditionalAccessDraft draft, Actor actor) {
        ConditionalAccessPolicy before = require(id);
        StoredConditionalAccessPolicy stored = em.find(StoredConditionalAccessPolicy.class, before.id(), LockModeType.PESSIMISTIC_WRITE);
        ConditionalAccessPolicy after = validate(new ConditionalAccessPolicy(before.id(), draft.displayName().orElse(before.displayName()),
                draft.state().orElse(before.state()), draft.users().orElse(before.users()), draft.applications().orElse(before.applications()),
                draft.grant().orElse(before.grant()), before.createdDateTime(), clock.instant()));
        if (describe(after).equals(describe(before))) {
            return before;
        }
        stored.store(after);
        forgetCopyOnCommit();
        audit.fire(AuditRecord.of(CATEGORY, "Update conditional access policy", actor)
                .target("Policy", after.id(), after.displayName()).change("conditionalAccessPolicy", describe(before), describe(after)).build());
        return after;
    }

    @Transactional
    public void delete(String id, Actor actor) {
        ConditionalAccessPolicy policy = require(id);
        em.remove(em.find(StoredConditionalAccessPolicy.class, policy.id()));
        forgetCopyOnCommit();
        audit.fire(AuditRecord.of(CATEGORY, "Delete conditional access policy", actor).operation("Delete")
                .target("Policy", policy.id(), policy.displayName()).change("conditionalAccessPolicy", describe(policy), null).build());
    }

    /** Every check a policy must pass; the first that fails is the refusal. */
    private ConditionalAccessPolicy validate(ConditionalAccessPolicy policy) {
        if (policy.displayName() == null || policy.displayName().isBlank() || policy.displayName().length() > MAX_NAME) {
            throw Refused.invalid("displayName must be 1 to " + MAX_NAME + " characters.");
        }
        ConditionalAccessPolicy.Users who = policy.users();
        for (Set<?> list : List.of(who.includeUsers(), who.excludeUsers(), who.includeGroups(), who.excludeGroups(), who.includeRoles(),
                who.excludeRoles(), policy.applications().includeApplications(), policy.applications().excludeApplications())) {
            if (list.size() > MAX_ENTRIES) {
                throw Refused.invalid("A condition list can hold at most " + MAX_ENTRIES + " entries.");
            }
        }
        if (who.includeUsers().isEmpty() && who.includeGroups().isEmpty() && who.includeRoles().isEmpty()) {
            throw Refused.invalid("conditions.users must include someone: includeUsers (All, GuestsOrExternalUsers or user ids), "
                    + "includeGroups or includeRoles.");
        }
        if (who.includeUsers().contains(ConditionalAccessPolicy.NONE) && who.includeUsers().size() > 1) {
            throw Refused.invalid("includeUsers 'None' cannot be combined with other entries.");
        }
        for (String entry : who.includeUsers()) {
            if (!Set.of(ConditionalAccessPolicy.ALL, ConditionalAccessPolicy.NONE, ConditionalAccessPolicy.GUESTS_OR_EXTERNAL_USERS).contains(entry)) {
                user(entry, "includeUsers");
            }
        }
        for (String entry : who.excludeUsers()) {
            if (!entry.equals(ConditionalAccessPolicy.GUESTS_OR_EXTERNAL_USERS)) {
                if (entry.equals(ConditionalAccessPolicy.ALL) || entry.equals(ConditionalAccessPolicy.NONE)) {
                    throw Refused.invalid("excludeUsers takes user ids or GuestsOrExternalUsers, not '" + entry + "'.");
                }
                user(entry, "excludeUsers");
            }
        }
        for (UUID group : union(who.includeGroups(), who.excludeGroups())) {
            var found = groups.find(group.toString()).orElseThrow(() -> Refused.invalid("The group '" + group
                    + "' in conditions.users does not exist in this directory."));
            if (!found.securityEnabled()) {
                throw new Refused(ReasonCode.NON_SECURITY_GROUP_TARGET, "The group '" + found.displayName()
                        + "' is not a security group. Conditional access policies can only target security groups.");
            }
        }
        for (String role : union(who.includeRoles(), who.excludeRoles())) {
            if (DirectoryRole.byTemplateId(role).isEmpty()) {
                throw Refused.invalid("'" + role + "' in conditions.users is not a directory role template id Keyward knows "
                        + "(see /roleManagement/directory/roleDefinitions).");
            }
        }
        ConditionalAccessPolicy.Applications which = policy.applications();
        if (which.includeApplications().isEmpty()) {
            throw Refused.invalid("conditions.applications.includeApplications must name the apps: All, or app ids.");
        }
        if ((which.includeApplications().contains(ConditionalAccessPolicy.NONE) || which.includeApplications().contains(ConditionalAccessPolicy.ALL))
                && which.includeApplications().size() > 1) {
            throw Refused.invalid("includeApplications 'All' or 'None' cannot be combined with app ids.");
        }
        for (String app : union(which.includeApplications(), which.excludeApplications())) {
            if (app.equals(ConditionalAccessPolicy.ALL) || app.equals(ConditionalAccessPolicy.NONE)) {
                if (which.excludeApplications().contains(app)) {
                    throw Refused.invalid("excludeApplications takes app ids, not '" + app + "'.");
                }
                continue;
            }
            if (AuthenticationStrengths.guid(app).isEmpty() || apps.findByClientId(app).isEmpty()) {
                throw Refused.invalid("'" + app + "' in conditions.applications is not the appId of an application registered "
                        + "in this tenant.");
            }
        }
        ConditionalAccessPolicy.Grant grant = policy.grant();
        if (grant.block() == grant.authenticationStrengthId().isPresent()) {
            throw Refused.invalid("grantControls must either block access (builtInControls [\"block\"]) or require an "
                    + "authenticationStrength, one of the two.");
        }
        grant.authenticationStrengthId().ifPresent(id -> {
            if (strengths.find(id).isEmpty()) {
                throw Refused.invalid("grantControls.authenticationStrength: no authentication strength has the id '" + id + "'.");
            }
        });
        return policy;
    }

    private void user(String entry, String where) {
        if (AuthenticationStrengths.guid(entry).flatMap(id -> users.find(id.toString())).isEmpty()) {
            throw Refused.invalid("'" + entry + "' in " + where + " is not All, None, GuestsOrExternalUsers or the id of a user in this directory.");
        }
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A policy in one line for the audit log's before/after. */
    static String describe(ConditionalAccessPolicy p) {
        ConditionalAccessPolicy.Users u = p.users();
        return "displayName=" + p.displayName() + "; state=" + p.state()
                + "; includeUsers=" + sorted(u.includeUsers()) + "; excludeUsers=" + sorted(u.excludeUsers())
                + "; includeGroups=" + sorted(u.includeGroups()) + "; excludeGroups=" + sorted(u.excludeGroups())
                + "; includeRoles=" + sorted(u.includeRoles()) + "; excludeRoles=" + sorted(u.excludeRoles())
                + "; includeApplications=" + sorted(p.applications().includeApplications())
                + "; excludeApplications=" + sorted(p.applications().excludeApplications())
                + "; grant=" + (p.grant().block() ? "block" : "authenticationStrength " + p.grant().authenticationStrengthId().map(Objects::toString).orElse(""));
    }

    private static List<String> sorted(Set<?> values) {
        return values.stream().map(Object::toString).sorted().toList();
    }

    /** Policies as the evaluation needs them: this node's copy, at most {@code keyward.policy.cache-seconds} old. */
    public List<ConditionalAccessPolicy> active() {
        Copy known = copy;
        long seen = changes.get();
        if (known != null && known.changesSeen() == seen && System.nanoTime() - known.readAt() < ttlNanos) {
            return known.policies();
        }
        List<ConditionalAccessPolicy> read = self.readAll();
        copy = new Copy(read, System.nanoTime(), seen);
        return read;
    }

    /** Every policy, read now, in one query. */
    @Transactional
    public List<ConditionalAccessPolicy> readAll() {
        return em.createQuery("select p from StoredConditionalAccessPolicy p", StoredConditionalAccessPolicy.class).getResultList().stream()
                .map(StoredConditionalAccessPolicy::value).toList();
    }

    @PostConstruct
    void init() {
        ttlNanos = config.policyCache().toNanos();
    }

    /**
     * Counts a change once its transaction has committed: a copy read before then (the old policies) is not used
     * again, and one read after the count is of the new ones.
     */
    private void forgetCopyOnCommit() {
        AfterCommit.run(transactions, changes::incrementAndGet);
    }
}
