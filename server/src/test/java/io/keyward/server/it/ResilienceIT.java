package io.keyward.server.it;

import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyward under concurrency (issue 10, resilience). Each client is a browser at an address of its own behind the ITs'
 * trusted proxy, as many people are. The load test runs for {@code keyward.test.load-seconds} (10 s in CI; the
 * {@code resilience-long} profile makes it 60). 100 parallel finishes of one passkey challenge are in
 * {@link PasskeySignInIT#concurrentFinishesOfOneCeremonyLetExactlyOneThrough}.
 */
class ResilienceIT extends GraphIT {

    static final int CLIENTS = 200;
    static final int LOAD_SECONDS = Integer.getInteger("keyward.test.load-seconds", 10);

    @Test
    void aHundredParallelSignInsWithOneOneTimePassLetExactlyOneThrough() throws Exception {
        String name = upn("once-of-100");
        String userId = graph.post("users", admin, userJson(name, "Once of 100")).json().get("id").asText();
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60,\"isUsableOnce\":true}").json().get("temporaryAccessPass").asText();
        String body = "{\"userPrincipalName\":\"" + name + "\",\"temporaryAccessPass\":\"" + pass + "\"}";
        int racers = 100;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Graph.Reply>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Browser racer = new Browser(graph.root(), "198.18.1." + (i + 1));
                results.add(pool.submit(() -> {
                    start.await();
                    return racer.post("signin/temporary-access-pass", body);
                }));
            }
            start.countDown();
            List<Graph.Reply> replies = new ArrayList<>();
            for (Future<Graph.Reply> result : results) {
                replies.add(result.get(120, TimeUnit.SECONDS));
            }

            Map<String, Long> outcomes = replies.stream().collect(Collectors.groupingBy(r -> r.status() + " " + (r.status() == 200 ? "" : r.errorCode()),
                    Collectors.counting()));
            assertThat(outcomes).as(outcomes.toString()).containsOnly(Map.entry("200 ", 1L), Map.entry("401 unauthenticated", 99L));
            assertThat(TestDirectory.count("select count(*) from sign_in_log where user_id = ? and error_code = 0", UUID.fromString(userId)))
                    .as("one successful sign-in in the log").isEqualTo(1);
            assertThat(TestDirectory.count("select count(*) from sign_in_log where user_id = ? and error_code <> 0", UUID.fromString(userId)))
                    .as("and the 99 refusals").isEqualTo(99);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHundredClientsSigningInAtOnceMeetNoErrorAndEverySignInIsCountedAndLogged() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Client> clients = provisionClients(run);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicLong signIns = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Client client : clients) {
                running.add(pool.submit(() -> {
                    start.await();
                    Browser browser = new Browser(graph.root(), client.address());
                    while (System.nanoTime() < deadline[0]) {
                        var assertion = browser.assertion(client.key(), null);
                        long presented = Browser.signCount(assertion.getResponse().getAuthenticatorData());
                        Graph.Reply reply = browser.post("signin/passkey", Browser.assertionJson(assertion).toString());
                        if (reply.status() == 200) {
                            signIns.incrementAndGet();
                            client.highestPresented().merge("max", presented, Math::max);
                        } else {
                            errors.add(client.address() + ": " + reply);
                        }
                    }
                    return null;
                }));
            }
            deadline[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOAD_SECONDS);
            start.countDown();
            for (Future<?> client : running) {
                client.get(LOAD_SECONDS + 300L, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.printf("ResilienceIT: %d clients, %d s: %d sign-ins (%.0f/s), %d errors%n", CLIENTS, LOAD_SECONDS, signIns.get(),
                signIns.get() / (double) LOAD_SECONDS, errors.size());
        assertThat(errors).as("errors under load").isEmpty();
        assertThat(signIns.get()).as("every client signed in at least once").isGreaterThanOrEqualTo(CLIENTS);
        for (Client client : clients) {
            assertThat(TestDirectory.count("select sign_count from passkey where id = ?", client.passkeyId()))
                    .as("stored sign count of " + client.address() + "'s passkey").isEqualTo(client.highestPresented().get("max"));
        }
        assertThat(TestDirectory.count("select count(*) from sign_in_log where user_principal_name like ? and error_code = 0", "load-" + run + "-%"))
                .as("a sign-in log row for every sign-in").isEqualTo(signIns.get());
        assertThat(TestDirectory.count("select count(*) from sign_in_log where user_principal_name like ? and error_code <> 0", "load-" + run + "-%"))
                .as("and no refusal").isZero();
    }

    /** One client of the load test: its passkey (an emulator is not thread-safe: one thread each), its address, what it presented. */
    private record Client(PackedAuthenticator key, String passkeyId, String address, Map<String, Long> highestPresented) {
    }

    /** {@link #CLIENTS} users with a passkey each, provisioned by eight threads. */
    private List<Client> provisionClients(String run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Client>> provisioned = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                provisioned.add(pool.submit(() -> {
                    String userId = graph.post("users", admin, userJson("load-" + run + "-" + n + "@it.example", "Load " + n)).json().get("id").asText();
                    PackedAuthenticator key = new PackedAuthenticator();
                    String passkeyId = provision(userId, key);
                    Map<String, Long> highest = new ConcurrentHashMap<>();
                    highest.put("max", 0L);
                    return new Client(key, passkeyId, "198.19." + (n / 250) + "." + (n % 250 + 1), highest);
                }));
            }
            List<Client> clients = new ArrayList<>();
            for (Future<Client> client : provisioned) {
                clients.add(client.get(300, TimeUnit.SECONDS));
            }
            return clients;
        } finally {
            pool.shutdownNow();
        }
    }
}
