package io.keyward.server.audit;

import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.KeyRestrictions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The admin center's aggregate reports, each a few count queries however many users, passkeys and sign-ins there are
 * (docs/admin-center.md): passkey registration coverage overall and per security group, sign-ins per day and method,
 * refusals per reason code, and the lockout preview of a key restriction change (how many users and passkeys it
 * would stop signing in, with the first few names) — so that no page has to read every user.
 */
@ApplicationScoped
public class PasskeyReports {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** Users, and users with at least one passkey. */
    public record Coverage(long users, long usersWithPasskey) {
    }

    /** A security group: its user members and those of them with a passkey. */
    public record GroupCoverage(UUID id, String displayName, long members, long membersWithPasskey) {
    }

    /** Sign-ins of one UTC day with one method: succeeded and refused. */
    public record DailySignIns(LocalDate day, String method, long succeeded, long refused) {
    }

    /** Refused sign-ins with one reason code ({@code ReasonCode}); the code is empty for refusals logged without one. */
    public record Refusals(String reasonCode, long count) {
    }

    @Transactional
    public Coverage coverage() {
        Object[] row = (Object[]) em.createNativeQuery("select (select count(*) from directory_user), "
                + "(select count(distinct user_id) from passkey)").getSingleResult();
        return new Coverage(number(row[0]), number(row[1]));
    }

    /** The largest security groups first (by user members), at most {@code top}. */
    @Transactional
    public List<GroupCoverage> groupCoverage(int top) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select g.id, g.display_name, count(u.id), count(pk.user_id) "
                        + "from directory_group g left join group_member m on m.group_id = g.id "
                        + "left join directory_user u on u.id = m.member_id "
                        + "left join (select distinct user_id from passkey) pk on pk.user_id = u.id "
                        + "where g.security_enabled = true group by g.id, g.display_name "
                        + "order by count(u.id) desc, g.display_name, g.id")
                .setMaxResults(top).getResultList();
        return rows.stream().map(r -> new GroupCoverage(AaguidInventory.uuid(r[0]), String.valueOf(r[1]), number(r[2]), number(r[3]))).toList();
    }

    /** Sign-ins since {@code from}, per UTC day and method. */
    @Transactional
    public List<DailySignIns> signInsPerDay(Instant from) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select floor(extract(epoch from created_at) / 86400), method, "
                        + "sum(case when succeeded then 1 else 0 end), sum(case when succeeded then 0 else 1 end) "
                        + "from sign_in_log where created_at >= ?1 group by floor(extract(epoch from created_at) / 86400), method")
                .setParameter(1, Timestamp.from(from)).getResultList();
        return rows.stream().map(r -> new DailySignIns(LocalDate.ofEpochDay(((Number) r[0]).longValue()), String.valueOf(r[1]),
                number(r[2]), number(r[3]))).sorted(java.util.Comparator.comparing(DailySignIns::day).thenComparing(DailySignIns::method)).toList();
    }

    /** Refused sign-ins since {@code from}, per reason code, the most frequent first. */
    @Transactional
    public List<Refusals> refusals(Instant from) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select coalesce(reason_code, ''), count(*) from sign_in_log "
                        + "where not succeeded and created_at >= ?1 group by coalesce(reason_code, '') order by count(*) desc, 1")
                .setParameter(1, Timestamp.from(from)).getResultList();
        return rows.stream().map(r -> new Refusals(String.valueOf(r[0]), number(r[1]))).toList();
    }

    /**
     * What a change of the passkey method's state and key restrictions would do to the passkeys registered today: the
     * passkeys that sign in now and would be refused; the users left with none that signs in (locked out) and those
     * who keep another; how many keep signing in. Names: the first {@code top} of each list by account name.
     */
    public record Lockout(long usersWithPasskeys, long passkeysRefused, long usersLockedOut, long usersLosingSome, long usersKeepSigningIn,
                          List<String> lockedOut, List<String> losingSome) {
    }

    /**
     * Whether a passkey of this model signs in under the method state and the (default profile's) key restrictions:
     * audit-only restrictions refuse nobody. Passkey types and targets are not part of the preview.
     */
    public static boolean signsIn(boolean enabled, KeyRestrictions restrictions, UUID aaguid) {
        return enabled && (restrictions.auditOnly() || !restrictions.refuses(aaguid));
    }

    @Transactional
    public Lockout lockout(Fido2Configuration current, Fido2Configuration next, int top) {
        @SuppressWarnings("unchecked")
        List<Object> models = em.createNativeQuery("select distinct aaguid from passkey").getResultList();
        Set<UUID> aaguids = models.stream().map(AaguidInventory::uuid).collect(Collectors.toSet());
        String now = inList(aaguids, a -> signsIn(current.enabled(), current.keyRestrictions(), a));
        String after = inList(aaguids, a -> signsIn(next.enabled(), next.keyRestrictions(), a));
        String perUser = "(select user_id, sum(case when " + now + " then 1 else 0 end) now_ok, "
                + "sum(case when " + after + " then 1 else 0 end) after_ok, "
                + "sum(case when " + now + " and not " + after + " then 1 else 0 end) refused from passkey group by user_id) pu";
        String lockedOut = "pu.now_ok > 0 and pu.after_ok = 0";
        String losingSome = "pu.refused > 0 and not (" + lockedOut + ")";
        Object[] counts = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(pu.refused), 0), "
                + "coalesce(sum(case when " + lockedOut + " then 1 else 0 end), 0), coalesce(sum(case when " + losingSome + " then 1 else 0 end), 0), "
                + "coalesce(sum(case when pu.after_ok > 0 then 1 else 0 end), 0) from " + perUser).getSingleResult();
        return new Lockout(number(counts[0]), number(counts[1]), number(counts[2]), number(counts[3]), number(counts[4]),
                names(perUser, lockedOut, top), names(perUser, losingSome, top));
    }

    @SuppressWarnings("unchecked")
    private List<String> names(String perUser, String condition, int top) {
        if (top == 0) {
            return List.of();
        }
        return ((List<Object>) em.createNativeQuery("select u.user_principal_name from " + perUser
                + " join directory_user u on u.id = pu.user_id where " + condition + " order by u.upn_key").setMaxResults(top)
                .getResultList()).stream().map(String::valueOf).toList();
    }

    /** {@code aaguid in (…)} for the models that pass (UUIDs as literals: they come from the database, hexadecimal only). */
    private static String inList(Set<UUID> aaguids, Predicate<UUID> passes) {
        List<String> listed = aaguids.stream().filter(passes).map(a -> "'" + a + "'").sorted().toList();
        return listed.isEmpty() ? "(1 = 0)" : "(aaguid in (" + String.join(", ", listed) + "))";
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
