package io.keyward.server.it;

import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load driver for passkey sign-in: N users with a provisioned passkey each, then T client threads signing in
 * (options + assertion, every check including the database-backed challenge and the sign-count update) for a fixed
 * time against the provisioned WildFly on PostgreSQL. Prints throughput and latency percentiles; asserts only
 * that every sign-in succeeded. Run with {@code mvn -pl server verify -Pbench} (not part of CI).
 */
class SignInBench extends GraphIT {

    static final int USERS = Integer.getInteger("bench.users", 20);
    static final int THREADS = Integer.getInteger("bench.threads", 4);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);

    @Test
    void passkeySignInThroughput() throws Exception {
        List<PackedAuthenticator> keys = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String id = graph.post("users", admin, userJson(upn("bench"), "Bench " + i)).json().get("id").asText();
            PackedAuthenticator key = new PackedAuthenticator();
            String path = "users/" + id + "/authentication/fido2Methods";
            assertThat(graph.post(path, admin, Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN,
                    graph.get(path + "/creationOptions", admin).json()), "Bench")).status()).isEqualTo(201);
            keys.add(key);
        }
        for (int i = 0; i < 50; i++) {
            new Browser(graph.root()).signIn(keys.get(i % USERS), null);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                // Each thread uses its own keys: an emulator is not thread-safe.
                for (int n = 0; running.get(); n++) {
                    PackedAuthenticator key = keys.get((thread + n * THREADS) % USERS);
                    long begin = System.nanoTime();
                    Graph.Reply reply;
                    synchronized (key) {
                        reply = new Browser(graph.root()).signIn(key, null);
                    }
                    if (reply.status() != 200) {
                        throw new AssertionError("sign-in failed: " + reply);
                    }
                    latencies.add(System.nanoTime() - begin);
                }
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS));
        running.set(false);
        List<Long> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            for (long l : result.get(60, TimeUnit.SECONDS)) {
                all.add(l);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%nSignInBench: %d passkey sign-ins (options + assertion) in %.1f s with %d threads over %d users: %.1f sign-ins/s;"
                        + " latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.length, elapsed, THREADS, USERS, sorted.length / elapsed, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
        assertThat(sorted).isNotEmpty();
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
