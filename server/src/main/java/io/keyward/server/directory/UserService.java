package io.keyward.server.directory;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.DatabaseUnavailable;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.SecretHasher;
import io.keyward.server.platform.query.Criterion;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creates, finds, changes and deletes users. Every change is audited in the same transaction. */
@ApplicationScoped
public class UserService {

    static final String CATEGORY = "UserManagement";
    static final Map<String, String> FILTERABLE = Map.of(
            "id", "id",
            "userPrincipalName", "upnKey",
            "displayName", "displayName",
            "givenName", "givenName",
            "surname", "surname",
            "mail", "mail",
            "userType", "userType",
            "externalUserState", "externalUserState",
            "creationType", "creationType",
            "accountEnabled", "accountEnabled");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** The user properties {@code $filter} may name, mapped to entity attributes. */
    public static Map<String, String> filterableProperties() {
        return FILTERABLE;
    }

    @Inject
    Clock clock;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Inject
    TenantService tenants;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    DirectoryChanges changeOrder;

    @Transactional
    public DirectoryUser create(NewUser request, Actor actor) {
        String upn = UserPrincipalNames.validate(request.userPrincipalName());
        UserPrincipalNames.requireVerifiedDomain(upn, tenants.verifiedDomains());
        DisplayNames.require(request.displayName());
        requireUniqueUpn(upn, null);
        DirectoryUser user = new DirectoryUser(UUID.randomUUID(), upn, request.displayName().trim(), UserType.Member, clock.instant());
        request.givenName().ifPresent(user::setGivenName);
        request.surname().ifPresent(user::setSurname);
        request.mail().ifPresent(user::setMail);
        user.setAccountEnabled(request.accountEnabled());
        request.password().ifPresent(p -> user.setPasswordHash(SecretHasher.hashPassword(requireStrong(p))));
        persistUnique(user);
        audit.fire(AuditRecord.of(CATEGORY, "Add user", actor).operation("Add")
                .target("User", user.id(), user.userPrincipalName())
                .change("userPrincipalName", null, user.userPrincipalName())
                .change("displayName", null, user.displayName())
                .change("accountEnabled", null, user.accountEnabled())
                .change("userType", null, user.userType().name())
                .build());
        return user;
    }

    /** Finds a user by object id or by user principal name (any case). */
    @Transactional
    public Optional<DirectoryUser> find(String idOrUpn) {
        return parseId(idOrUpn).map(id -> Optional.ofNullable(em.find(DirectoryUser.class, id)))
                .orElseGet(() -> findByUpn(idOrUpn));
    }

    @Transactional
    public Optional<DirectoryUser> findByUpn(String upn) {
        return em.createQuery("select u from DirectoryUser u where u.upnKey = :key", DirectoryUser.class)
                .setParameter("key", DirectoryUser.upnKey(upn.trim()))
                .getResultStream().findFirst();
    }

    /**
     * The account a person means by the name they type at sign-in: a user principal name, or, for a B2B guest (whose
     * UPN is the tenant's form {@code alice_fabrikam.example#EXT#@…}, which nobody types), the e-mail address the guest
     * was invited with ({@code mail}). An address shared by several guests names none of them.
     */
    @Transactional
    public Optional<DirectoryUser> findBySignInName(String name) {
        return findByUpn(name).or(() -> {
            List<DirectoryUser> guests = em.createQuery("select u from DirectoryUser u where u.userType = :guest and lower(u.mail) = :mail",
                            DirectoryUser.class)
                    .setParameter("guest", UserType.Guest).setParameter("mail", name.trim().toLowerCase(Locale.ROOT))
                    .setMaxResults(2).getResultList();
            return guests.size() == 1 ? Optional.of(guests.get(0)) : Optional.empty();
        });
    }

    @Transactional
    public DirectoryUser require(String idOrUpn) {
        return find(idOrUpn).orElseThrow(() -> Refused.notFound("user", idOrUpn));
    }

    @Transactional
    public Page<DirectoryUser> list(PageRequest page) {
        return Repositories.page(em, DirectoryUser.class, FILTERABLE, page);
    }

    /** Which of these users hold at least one directory role (for registration reports' {@code isAdmin}). */
    @Transactional
    public java.util.Set<UUID> administrators(java.util.Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(em.createQuery("select distinct r.key.userId from RoleAssignment r where r.key.userId in :ids", UUID.class)
                .setParameter("ids", userIds).getResultList());
    }

    /** The directory roles this user holds, as Entra role template ids. */
    @Transactional
    public java.util.Set<String> directoryRoles(UUID userId) {
        return java.util.Set.copyOf(em.createQuery("select r.key.roleTemplateId from RoleAssignment r where r.key.userId = :id", String.class)
                .setParameter("id", userId).getResultList());
    }

    @Transactional
    public long count(Optional<Criterion> filter) {
        return Repositories.count(em, DirectoryUser.class, FILTERABLE, filter, Repositories.Scope.none());
    }

    @Transactional
    public DirectoryUser update(String idOrUpn, UserChanges changes, Actor actor) {
        DirectoryUser user = require(idOrUpn);
        // Numbered before anything is written: every writer takes the counter first, then the user's row.
        long change = changeOrder.next();
        AuditRecord.Builder record = AuditRecord.of(CATEGORY, "Update user", actor)
                .target("User", user.id(), user.userPrincipalName());
        changes.userPrincipalName().ifPresent(newUpn -> {
            String upn = UserPrincipalNames.validate(newUpn);
            UserPrincipalNames.requireVerifiedDomain(upn, tenants.verifiedDomains());
            requireUniqueUpn(upn, user.id());
            record.change("userPrincipalName", user.userPrincipalName(), upn);
            user.rename(upn);
        });
        changes.displayName().ifPresent(name -> {
            DisplayNames.require(name);
            record.change("displayName", user.displayName(), name.trim());
            user.setDisplayName(name.trim());
        });
        changes.givenName().ifPresent(v -> {
            record.change("givenName", user.givenName(), v.orElse(null));
            user.setGivenName(v.orElse(null));
        });
        changes.surname().ifPresent(v -> {
            record.change("surname", user.surname(), v.orElse(null));
            user.setSurname(v.orElse(null));
        });
        changes.mail().ifPresent(v -> {
            record.change("mail", user.mail(), v.orElse(null));
            user.setMail(v.orElse(null));
        });
        changes.accountEnabled().ifPresent(enabled -> {
            record.change("accountEnabled", user.accountEnabled(), enabled);
            if (user.accountEnabled() && !enabled) {
                credentialsChanged.fire(new CredentialsChanged(user.id(), CredentialsChanged.Change.ACCOUNT_DISABLED, actor));
            }
            user.setAccountEnabled(enabled);
        });
        changes.userType().ifPresent(type -> {
            record.change("userType", user.userType().name(), type.name());
            user.setUserType(type);
        });
        changes.password().ifPresent(p -> {
            user.setPasswordHash(SecretHasher.hashPassword(requireStrong(p)));
            record.change("passwordProfile", null, "(password set)");
            credentialsChanged.fire(new CredentialsChanged(user.id(), CredentialsChanged.Change.PASSWORD_CHANGED, actor));
        });
        if (record.hasChanges()) {
            user.stampChange(change);
            try {
                em.flush();
            } catch (PersistenceException e) {
                DatabaseUnavailable.rethrowIfUnavailable(e);
                throw new Refused(ReasonCode.NAME_ALREADY_EXISTS,
                        "Another object with the same value for property userPrincipalName already exists.");
            }
            audit.fire(record.build());
        }
        return user;
    }

    /**
     * Ends every sign-in session the user opened until now (Graph {@code revokeSignInSessions}): their browser sessions
     * are refused from now on. Audited; returns the new {@code signInSessionsValidFromDateTime}.
     */
    @Transactional
    public Instant revokeSignInSessions(String idOrUpn, Actor actor) {
        DirectoryUser user = require(idOrUpn);
        user.stampChange(changeOrder.next());
        Optional<Instant> before = user.signInSessionsValidFrom();
        user.revokeSignInSessions(clock.instant());
        audit.fire(AuditRecord.of(CATEGORY, "Revoke sign-in sessions", actor)
                .target("User", user.id(), user.userPrincipalName())
                .change("signInSessionsValidFromDateTime", before.map(Instant::toString).orElse(null),
                        user.signInSessionsValidFrom().map(Instant::toString).orElse(null))
                .build());
        return user.signInSessionsValidFrom().orElseThrow();
    }

    /**
     * Ends the user's sign-in sessions when they sign out; not audited (the sign-in log has the sign-in). A single
     * update that leaves the row's version alone, so that a sign-out never fails on a concurrent change of the user.
     */
    @Transactional
    public void endSignInSessions(UUID userId) {
        em.createQuery("update DirectoryUser u set u.signInSessionsValidFrom = :now where u.id = :id")
                .setParameter("now", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .setParameter("id", userId).executeUpdate();
    }

    @Transactional
    public void delete(String idOrUpn, Actor actor) {
        DirectoryUser user = require(idOrUpn);
        long change = changeOrder.next();
        em.createQuery("delete from GroupMembership m where m.key.memberId = :id").setParameter("id", user.id()).executeUpdate();
        em.remove(user);
        em.persist(new DeletedUser(user.id(), change, clock.instant()));
        audit.fire(AuditRecord.of(CATEGORY, "Delete user", actor).operation("Delete")
                .target("User", user.id(), user.userPrincipalName())
                .change("userPrincipalName", user.userPrincipalName(), null)
                .build());
    }

    /** Persists a new user; a concurrent create of the same UPN loses on the unique index and gets a 409. */
    void persistUnique(DirectoryUser user) {
        user.stampChange(changeOrder.next());
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            DatabaseUnavailable.rethrowIfUnavailable(e);
            throw new Refused(ReasonCode.NAME_ALREADY_EXISTS,
                    "Another object with the same value for property userPrincipalName already exists.");
        }
    }

    private void requireUniqueUpn(String upn, UUID except) {
        findByUpn(upn).filter(existing -> !existing.id().equals(except)).ifPresent(existing -> {
            throw new Refused(ReasonCode.NAME_ALREADY_EXISTS,
                    "Another object with the same value for property userPrincipalName already exists.");
        });
    }

    private static String requireStrong(String password) {
        if (password.length() < 12) {
            throw Refused.invalid("The password must be at least 12 characters long.");
        }
        return password;
    }

    static Optional<UUID> parseId(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
