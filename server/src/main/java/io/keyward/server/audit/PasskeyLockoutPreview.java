package io.keyward.server.audit;

import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.PasskeyType;
import io.keyward.server.policy.UserFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a change of the passkey policy would do to the passkeys registered today, decided by the sign-in rule
 * ({@code PasskeyPolicyRules.signInDecision}: state, account state, include and exclude targets with transitive group
 * membership, each user's passkey profiles with their passkey types and key restrictions, audit-only) for the current
 * and the proposed configuration, and counted in a few aggregate queries however many users and passkeys there are.
 *
 * <p>The rule is not called per passkey: {@link PolicyAudience} numbers the targets the two configurations name, the
 * database sums each user's matched targets into a few words (a recursive walk of the group memberships from the named
 * groups only), and the rule is called once per combination of (matched targets, account state, passkey type, AAGUID)
 * — the distinct matched targets times the distinct models in use. Its answers become one SQL condition per
 * configuration, which the per-user aggregate then evaluates row by row.
 */
@ApplicationScoped
public class PasskeyLockoutPreview {

    /** Users with a passkey signing in now and none after the change. */
    static final String LOCKED_OUT = "pu.now_ok > 0 and pu.after_ok = 0";
    /** Users losing a passkey that signs in now, keeping another. */
    static final String LOSING_SOME = "pu.refused > 0 and not (" + LOCKED_OUT + ")";

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /**
     * The passkeys that sign in now and would be refused; the users left with none that signs in (locked out) and those
     * who keep another; how many keep signing in. Names: the first {@code top} of each list by account name.
     */
    public record Lockout(long usersWithPasskeys, long passkeysRefused, long usersLockedOut, long usersLosingSome, long usersKeepSigningIn,
                          List<String> lockedOut, List<String> losingSome) {
    }

    /** A model in use: AAGUID and passkey type. */
    record Model(UUID aaguid, PasskeyType type) {
    }

    @Transactional
    public Lockout lockout(Fido2Configuration current, Fido2Configuration next, int top) {
        PolicyAudience audience = PolicyAudience.of(current, next);
        String with = membershipCte(audience);
        List<BitSet> memberships = memberships(audience, with);
        @SuppressWarnings("unchecked")
        List<Object[]> modelRows = em.createNativeQuery("select distinct aaguid, backup_eligible from passkey").getResultList();
        List<Model> models = modelRows.stream().map(r -> new Model(AaguidInventory.uuid(r[0]), PasskeyType.fromBackupEligible((Boolean) r[1])))
                .toList();
        String now = signsIn(current, audience, memberships, models);
        String after = signsIn(next, audience, memberships, models);
        String perUser = perUser(audience, now, after);
        Object[] counts = (Object[]) em.createNativeQuery(with + "select count(*), coalesce(sum(pu.refused), 0), "
                + "coalesce(sum(case when " + LOCKED_OUT + " then 1 else 0 end), 0), coalesce(sum(case when " + LOSING_SOME + " then 1 else 0 end), 0), "
                + "coalesce(sum(case when pu.after_ok > 0 then 1 else 0 end), 0) from " + perUser).getSingleResult();
        return new Lockout(number(counts[0]), number(counts[1]), number(counts[2]), number(counts[3]), number(counts[4]),
                names(with, perUser, LOCKED_OUT, number(counts[2]) == 0 ? 0 : top), names(with, perUser, LOSING_SOME, number(counts[3]) == 0 ? 0 : top));
    }

    /** {@code pu(user_id, now_ok, after_ok, refused)}: per user with a passkey, those signing in now, after, and refused by the change. */
    static String perUser(PolicyAudience audience, String now, String after) {
        return "(select p.user_id, sum(case when " + now + " then 1 else 0 end) now_ok, "
                + "sum(case when " + after + " then 1 else 0 end) after_ok, "
                + "sum(case when " + now + " and not " + after + " then 1 else 0 end) refused "
                + "from passkey p join directory_user du on du.id = p.user_id"
                + (audience.words() == 0 ? "" : " left join membership s on s.user_id = p.user_id") + " group by p.user_id) pu";
    }

    /**
     * {@code membership(user_id, m0, m1, …)}: for every user some target names (through a group, transitively, or
     * directly), the sum of the bits of the targets that name them. Empty when no target names a group or user.
     * Ids are literals: they come from a validated configuration (UUIDs, hexadecimal only).
     *
     * <p>Portable between PostgreSQL and H2 2.2/2.3 (the development database): every CTE has a column list and the same
     * names in its select (H2 2.3 wants the lists under {@code with recursive}, H2 2.2 reads only the names), and the
     * user targets join the group members in the recursive CTE's first part (H2 2.2 cannot read a union over a CTE).
     */
    static String membershipCte(PolicyAudience audience) {
        if (audience.words() == 0) {
            return "";
        }
        List<String> named = new ArrayList<>();
        if (!audience.groups().isEmpty()) {
            named.add("select group_id target_id, member_id, member_type from group_member where group_id in (" + literals(audience.groups()) + ")");
        }
        if (!audience.users().isEmpty()) {
            named.add("select id target_id, id member_id, 'user' member_type from directory_user where id in (" + literals(audience.users()) + ")");
        }
        List<UUID> targets = audience.targets();
        List<String> sums = new ArrayList<>();
        for (int w = 0; w < audience.words(); w++) {
            StringBuilder sum = new StringBuilder("sum(case target_id");
            for (int i = w * PolicyAudience.BITS_PER_WORD; i < Math.min(targets.size(), (w + 1) * PolicyAudience.BITS_PER_WORD); i++) {
                sum.append(" when '").append(targets.get(i)).append("' then ").append(PolicyAudience.bit(i));
            }
            sums.add(sum.append(" else 0 end) m").append(w).toString());
        }
        return "with recursive closure (target_id, member_id, member_type) as (select target_id, member_id, member_type from ("
                + String.join(" union all ", named) + ") named_directly union all select c.target_id, m.member_id, m.member_type "
                + "from closure c join group_member m on m.group_id = c.member_id where c.member_type = 'group'), "
                + "targeted (target_id, user_id) as (select distinct target_id, member_id user_id from closure where member_type = 'user'), "
                + "membership (user_id, " + columns(audience) + ") as (select user_id, " + String.join(", ", sums)
                + " from targeted group by user_id) ";
    }

    /** The distinct matched targets among users, and the user that no target names (matching none). */
    private List<BitSet> memberships(PolicyAudience audience, String with) {
        Set<BitSet> distinct = new LinkedHashSet<>();
        distinct.add(new BitSet());
        if (audience.words() > 0) {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery(with + "select distinct " + columns(audience) + " from membership").getResultList();
            for (Object row : rows) {
                Object[] columns = row instanceof Object[] array ? array : new Object[]{row};
                long[] words = new long[columns.length];
                for (int w = 0; w < columns.length; w++) {
                    words[w] = number(columns[w]);
                }
                distinct.add(PolicyAudience.matched(words));
            }
        }
        return List.copyOf(distinct);
    }

    /**
     * The SQL condition under which a passkey row signs in under {@code configuration}: the sign-in rule decided once per
     * (matched targets, account state, passkey type) for every model in use, written as the models that pass.
     */
    static String signsIn(Fido2Configuration configuration, PolicyAudience audience, List<BitSet> memberships, List<Model> models) {
        List<String> terms = new ArrayList<>();
        for (BitSet matched : memberships) {
            for (boolean accountEnabled : new boolean[]{true, false}) {
                UserFacts facts = audience.facts(matched, accountEnabled);
                for (PasskeyType type : PasskeyType.values()) {
                    List<String> passing = models.stream().filter(m -> m.type() == type)
                            .filter(m -> PolicyAudience.signsIn(configuration, facts, m.aaguid(), type))
                            .map(m -> "'" + m.aaguid() + "'").sorted().toList();
                    if (!passing.isEmpty()) {
                        terms.add("(" + matches(audience, matched) + "du.account_enabled = " + accountEnabled + " and p.backup_eligible = "
                                + (type == PasskeyType.synced) + " and p.aaguid in (" + String.join(", ", passing) + "))");
                    }
                }
            }
        }
        return terms.isEmpty() ? "(1 = 0)" : "(" + String.join(" or ", terms) + ")";
    }

    /** {@code coalesce(s.m0, 0) = … and …} for a user matching exactly these targets (nothing when no target names anyone). */
    private static String matches(PolicyAudience audience, BitSet matched) {
        long[] words = audience.words(matched);
        StringBuilder condition = new StringBuilder();
        for (int w = 0; w < words.length; w++) {
            condition.append("coalesce(s.m").append(w).append(", 0) = ").append(words[w]).append(" and ");
        }
        return condition.toString();
    }

    /** {@code m0, m1, …}: the membership's word columns. */
    private static String columns(PolicyAudience audience) {
        List<String> columns = new ArrayList<>();
        for (int w = 0; w < audience.words(); w++) {
            columns.add("m" + w);
        }
        return String.join(", ", columns);
    }

    /** The first {@code top} account names of a list; no query for an empty list (each is a scan of every passkey). */
    @SuppressWarnings("unchecked")
    private List<String> names(String with, String perUser, String condition, int top) {
        if (top == 0) {
            return List.of();
        }
        return ((List<Object>) em.createNativeQuery(with + "select u.user_principal_name from " + perUser
                + " join directory_user u on u.id = pu.user_id where " + condition + " order by u.upn_key").setMaxResults(top)
                .getResultList()).stream().map(String::valueOf).toList();
    }

    private static String literals(List<UUID> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
