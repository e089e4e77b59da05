package io.keyward.server.audit;

import io.keyward.server.access.TemporaryAccessPass;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The registration details report's one rule of which methods a user has registered, used both to list a user's
 * {@code methodsRegistered} ({@link #methodsOf}) and to narrow the report to users who have given methods
 * ({@code methodsRegistered/any(m:m eq 'passKeyDeviceBound')}, the inventory query of GRAPH-API.md §5;
 * {@link #usersWith}). A passkey counts as {@code passKeySynced} when backup-eligible, otherwise
 * {@code passKeyDeviceBound}; a Temporary Access Pass counts while it exists and is not used up (a one-time pass
 * that was redeemed no longer does); a password when the account has one.
 */
@ApplicationScoped
public class RegistrationReport {

    public static final Set<String> METHODS = Set.of("passKeyDeviceBound", "passKeySynced", "temporaryAccessPass", "password");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** A page of users having every one of {@code methods} (and matching the page's filter on user properties). */
    @Transactional
    public Page<DirectoryUser> usersWith(PageRequest page, Set<String> methods) {
        for (String method : methods) {
            if (!METHODS.contains(method)) {
                throw Refused.invalid("'" + method + "' is not a method this report knows; use one of " + METHODS.stream().sorted().toList() + ".");
            }
        }
        return Repositories.page(em, DirectoryUser.class, UserService.filterableProperties(), page, (user, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            for (String method : methods) {
                all.add(has(cb, query, user, method));
            }
            return all.isEmpty() ? null : cb.and(all.toArray(Predicate[]::new));
        });
    }

    /** The methods a user has registered, by the rule above. */
    public static Set<String> methodsOf(DirectoryUser user, List<Passkey> passkeys, List<TemporaryAccessPass> passes) {
        Set<String> methods = new java.util.TreeSet<>();
        passkeys.forEach(p -> methods.add(p.backupEligible() ? "passKeySynced" : "passKeyDeviceBound"));
        if (passes.stream().anyMatch(RegistrationReport::notUsedUp)) {
            methods.add("temporaryAccessPass");
        }
        user.passwordHash().ifPresent(h -> methods.add("password"));
        return methods;
    }

    private static boolean notUsedUp(TemporaryAccessPass pass) {
        return !pass.usableOnce() || pass.usedAt().isEmpty();
    }

    private static Predicate has(CriteriaBuilder cb, CriteriaQuery<?> query, Root<DirectoryUser> user, String method) {
        return switch (method) {
            case "password" -> cb.isNotNull(user.get("passwordHash"));
            case "temporaryAccessPass" -> {
                Subquery<TemporaryAccessPass> pass = query.subquery(TemporaryAccessPass.class);
                Root<TemporaryAccessPass> t = pass.from(TemporaryAccessPass.class);
                yield cb.exists(pass.select(t).where(cb.equal(t.get("userId"), user.get("id")),
                        cb.or(cb.isFalse(t.get("usableOnce")), cb.isNull(t.get("usedAt")))));
            }
            default -> {
                Subquery<Passkey> passkey = query.subquery(Passkey.class);
                Root<Passkey> p = passkey.from(Passkey.class);
                yield cb.exists(passkey.select(p).where(cb.equal(p.get("userId"), user.get("id")),
                        cb.equal(p.get("backupEligible"), method.equals("passKeySynced"))));
            }
        };
    }
}
