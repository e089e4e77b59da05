package io.keyward.server.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The AAGUID inventory (GRAPH-API.md §5, the "collect the AAGUIDs in use" step before turning on key restrictions):
 * every model seen in registered passkeys or in passkey sign-ins since a given time, with its passkeys, their users,
 * how many were attested, and when one was last used. Two aggregate queries, one over the passkeys and one over the
 * sign-in log, so that it stays one pass over each table however many rows they hold.
 */
@ApplicationScoped
public class AaguidInventory {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** One model. {@code attested} of {@code passkeys} were registered with a trusted attestation; the others claim their AAGUID. */
    public record Entry(UUID aaguid, long passkeys, long users, long attested, long signIns, long refusedSignIns,
                        long signInUsers, Optional<Instant> lastUsed) {

        /** attested, claimed (none attested) or mixed. */
        public String attestation() {
            if (passkeys == 0) {
                return "unknown";
            }
            return attested == passkeys ? "attested" : attested == 0 ? "claimed" : "mixed";
        }
    }

    @Transactional
    public List<Entry> since(Instant since) {
        Map<UUID, Entry> byAaguid = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> registered = em.createNativeQuery("select aaguid, count(*), count(distinct user_id), "
                + "sum(case when attestation_level = 'attested' then 1 else 0 end), max(last_used_at) from passkey group by aaguid").getResultList();
        for (Object[] row : registered) {
            UUID aaguid = uuid(row[0]);
            byAaguid.put(aaguid, new Entry(aaguid, number(row[1]), number(row[2]), number(row[3]), 0, 0, 0, instant(row[4])));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> signIns = em.createNativeQuery("select aaguid, sum(case when succeeded then 1 else 0 end), "
                        + "sum(case when succeeded then 0 else 1 end), count(distinct user_id), max(case when succeeded then created_at end) "
                        + "from sign_in_log where aaguid is not null and created_at >= ?1 group by aaguid")
                .setParameter(1, Timestamp.from(since)).getResultList();
        for (Object[] row : signIns) {
            UUID aaguid = uuid(row[0]);
            Entry known = byAaguid.getOrDefault(aaguid, new Entry(aaguid, 0, 0, 0, 0, 0, 0, Optional.empty()));
            Optional<Instant> lastSignIn = instant(row[4]);
            Optional<Instant> lastUsed = known.lastUsed().isEmpty() ? lastSignIn
                    : lastSignIn.filter(t -> t.isAfter(known.lastUsed().get())).or(known::lastUsed);
            byAaguid.put(aaguid, new Entry(aaguid, known.passkeys(), known.users(), known.attested(), number(row[1]), number(row[2]),
                    number(row[3]), lastUsed));
        }
        return List.copyOf(byAaguid.values());
    }

    /** PostgreSQL answers a UUID, H2 the 16 bytes of its uuid column. */
    static UUID uuid(Object value) {
        if (value instanceof UUID u) {
            return u;
        }
        if (value instanceof byte[] bytes && bytes.length == 16) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(String.valueOf(value));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Optional<Instant> instant(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Timestamp t) {
            return Optional.of(t.toInstant());
        }
        if (value instanceof Instant i) {
            return Optional.of(i);
        }
        if (value instanceof OffsetDateTime o) {
            return Optional.of(o.toInstant());
        }
        return Optional.of(Instant.parse(String.valueOf(value)));
    }
}
