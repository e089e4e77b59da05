package io.keyward.server.access;

import io.keyward.server.platform.KeywardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Limits guessing of secrets (passwords and Temporary Access Passes); passkeys are never throttled. An attempt first
 * takes a slot in every counter it falls under, atomically (one conditional UPDATE per counter, so 40 parallel
 * guesses get exactly the limit's worth of checks), and only then is the secret checked; a correct secret gives its
 * slots back. Counters:
 * <ul>
 *   <li>the typed name as seen from one client address ({@code keyward.signin.max-failures}, default 10): guesses
 *       from one place lock out that place only, so ten guesses from anyone cannot lock a person out;</li>
 *   <li>one client address across all names ({@code keyward.signin.max-failures-per-address}, default 1,000: an office behind one NAT address must not lock itself out):
 *       password spraying;</li>
 *   <li>the typed name across all addresses ({@code keyward.signin.max-failures-per-account}, default 100):
 *       distributed guessing of one account.</li>
 * </ul>
 * Names are counted whether or not an account has them, so a throttled answer does not reveal which names exist.
 */
@ApplicationScoped
public class GuessingThrottle {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    /** The slots an attempt holds; give them back with {@link #succeeded} when the secret was right. */
    public record Attempt(List<String> keys) {
    }

    /**
     * Takes a slot for a guess of {@code name}'s secret from {@code clientAddress}; empty when a limit is reached
     * (nothing is held then, and the secret must not be checked).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Attempt> begin(String name, String clientAddress) {
        String account = name.trim().toLowerCase(Locale.ROOT);
        String address = clientAddress == null ? "unknown" : clientAddress;
        List<Counter> counters = List.of(
                new Counter(key("account-at-address", account + "\n" + address), config.maxSecretFailures()),
                new Counter(key("address", address), config.maxSecretFailuresPerAddress()),
                new Counter(key("account", account), config.maxSecretFailuresPerAccount()));
        Instant now = clock.instant();
        Instant windowStart = now.minus(config.secretFailureWindow());
        List<String> taken = new ArrayList<>();
        for (Counter counter : counters) {
            if (!take(counter, now, windowStart)) {
                taken.forEach(this::giveBack);
                return Optional.empty();
            }
            taken.add(counter.key());
        }
        return Optional.of(new Attempt(List.copyOf(taken)));
    }

    /** The secret was right: the attempt does not count as a failure. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(Attempt attempt) {
        attempt.keys().forEach(this::giveBack);
    }

    /** How long a refused client should wait before trying again (the counting window). */
    public Duration retryAfter() {
        return config.secretFailureWindow();
    }

    private boolean take(Counter counter, Instant now, Instant windowStart) {
        em.createNativeQuery("insert into secret_guess_counter (counter_key, window_start, failures) values (?1, ?2, 0) "
                        + "on conflict do nothing")
                .setParameter(1, counter.key()).setParameter(2, now).executeUpdate();
        // One statement decides and counts: a window that has passed starts again at 1; otherwise the count
        // grows only while it is under the limit. Concurrent updates of the row are serialized by its lock.
        return em.createNativeQuery("update secret_guess_counter set "
                        + "failures = case when window_start < ?1 then 1 else failures + 1 end, "
                        + "window_start = case when window_start < ?1 then ?2 else window_start end "
                        + "where counter_key = ?3 and (window_start < ?1 or failures < ?4)")
                .setParameter(1, windowStart).setParameter(2, now).setParameter(3, counter.key()).setParameter(4, counter.limit())
                .executeUpdate() == 1;
    }

    private void giveBack(String key) {
        em.createNativeQuery("update secret_guess_counter set failures = failures - 1 where counter_key = ?1 and failures > 0")
                .setParameter(1, key).executeUpdate();
    }

    private static String key(String kind, String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((kind + "\n" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private record Counter(String key, int limit) {
    }
}
