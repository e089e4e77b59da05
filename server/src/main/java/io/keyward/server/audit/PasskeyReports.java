package io.keyward.server.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The admin center's aggregate reports, each a few count queries however many users, passkeys and sign-ins there are
 * (docs/admin-center.md): passkey registration coverage overall and per security group, sign-ins per day and method,
 * refusals per reason code — so that no page has to read every user. The lockout preview is {@link PasskeyLockoutPreview}.
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

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
