package io.keyward.server.it;

import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under a running server and comes back. The PostgreSQL server is shared and is never
 * restarted: the outage is of the ITs' own database only, which stops accepting connections
 * ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}) while every connection the server's pool holds to it is
 * terminated, as a restart or a network cut would. Requests then fail cleanly (503 with {@code Retry-After}, in each
 * caller's shape), readiness goes DOWN, nothing is half-written, and the server recovers by itself within seconds of
 * the database accepting connections again. The same cut, repeated every 2 s under a mixed load ({@link MixedLoad}:
 * sign-ins, Graph provisioning, policy changes, authorization pages), ends transactions half-way: each request
 * succeeds or fails cleanly, and what committed is whole (a passkey with its audit entry, a policy version with its
 * audit entry, a sign-in with its log row, session and sign count).
 */
class DatabaseOutageIT extends GraphIT {

    /** How long the load runs while the database is cut every {@link #CUT_INTERVAL_MILLIS}: 8 s in CI (3 cuts), 60 with -Presilience-long. */
    static final int CUT_LOAD_SECONDS = Integer.getInteger("keyward.test.outage-load-seconds", 8);
    static final long CUT_INTERVAL_MILLIS = 2_000;
    /** How long the database refuses connections at each cut, as a restarting server does. */
    static final long RESTART_MILLIS = 300;

    @Test
    void requestsFailCleanlyWithRetryAfterWhileTheDatabaseIsAwayAndSucceedWithinSecondsOnceItIsBack() throws Exception {
        String userId = graph.post("users", admin, userJson(upn("outage"), "Outage")).json().get("id").asText();
        PackedAuthenticator key = new PackedAuthenticator();
        String path = "users/" + userId + "/authentication/fido2Methods";
        provision(userId, key);
        String registration = Provisioning.body(Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN,
                graph.get(path + "/creationOptions", admin).json()), "Made during the outage");
        Browser browser = new Browser(graph.root());
        // An assertion over a challenge issued before the outage: its finish needs the database.
        var assertion = Browser.assertionJson(browser.assertion(key, null)).toString();
        String tenant = TestDirectory.tenantId();
        long signInRows = TestDirectory.count("select count(*) from sign_in_log where user_id = ?", UUID.fromString(userId));

        long recoveredAfterMillis;
        ServerLog log = ServerLog.mark();
        try {
            cutTheDatabase();

            Graph.Reply signIn = browser.post("signin/passkey", assertion);
            assertThat(signIn.status()).as(signIn.toString()).isEqualTo(503);
            assertThat(signIn.errorCode()).isEqualTo("serviceUnavailable");
            assertThat(signIn.header("Retry-After")).isEqualTo("5");
            assertThat(signIn.json().path("error").path("message").asText()).contains("cannot reach its database");

            Graph.Reply provisioning = graph.post(path, admin, registration);
            assertThat(provisioning.status()).as(provisioning.toString()).isEqualTo(503);
            assertThat(provisioning.errorCode()).isEqualTo("serviceUnavailable");
            assertThat(provisioning.header("Retry-After")).isEqualTo("5");
            assertThat(log.lines()).as("each refusal in the server log, with its reason code, status and words")
                    .anySatisfy(line -> assertThat(line).contains("Request signin/passkey refused: serviceUnavailable (503) "
                            + "Keyward cannot reach its database at the moment."))
                    .anySatisfy(line -> assertThat(line).containsPattern("Graph request [-0-9a-f]+ refused: serviceUnavailable \\(503\\) "
                            + "Keyward cannot reach its database at the moment\\."));

            // A browser sent to sign in by an app: the authorization request needs the app's registration.
            Graph.Reply page = browser.navigate(authorizationOfAnUnknownApp(tenant));
            assertThat(page.status()).as(page.toString()).isEqualTo(503);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("Sign-in is unavailable for a moment").contains("serviceUnavailable");

            Graph.Reply ready = Graph.send(HttpRequest.newBuilder(OperationsIT.MANAGEMENT.resolve("health/ready")).GET());
            assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
            assertThat(ready.body()).contains("keyward-database");
        } finally {
            restoreTheDatabase();
        }
        long restored = System.nanoTime();
        Graph.Reply again;
        do {
            again = new Browser(graph.root()).signIn(key, null);
        } while (again.status() == 503 && System.nanoTime() - restored < 30_000_000_000L && pause());
        recoveredAfterMillis = (System.nanoTime() - restored) / 1_000_000;
        System.out.println("DatabaseOutageIT: the first sign-in after the database came back succeeded after " + recoveredAfterMillis + " ms");

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(recoveredAfterMillis).as("recovered within seconds").isLessThan(10_000);
        assertThat(Graph.send(HttpRequest.newBuilder(OperationsIT.MANAGEMENT.resolve("health/ready")).GET()).status()).isEqualTo(200);
        assertThat(graph.get(path, admin).json().get("value")).as("the registration refused during the outage left no passkey").hasSize(1);
        assertThat(TestDirectory.count("select count(*) from sign_in_log where user_id = ?", UUID.fromString(userId)))
                .as("the failed sign-in left no log row; the one after the outage did").isEqualTo(signInRows + 1);
    }

    @Test
    void connectionsCutUnderLoadFailOnlyCleanlyLeaveNothingHalfWrittenAndTheServerRecoversWithinSeconds() throws Exception {
        MixedLoad load = MixedLoad.arrange(this, 4, 2);
        String probe = load.registrants.get(0).userId();
        long policyVersion = policyVersion();
        long policyAudits = TestDirectory.count("select count(*) from directory_audit where activity = 'Update authentication methods policy'");
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Long> terminated = new ArrayList<>();
        List<Long> recoveries = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CUT_LOAD_SECONDS);
            List<Future<Void>> workers = load.workers(deadline).stream().map(pool::submit).toList();
            while (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CUT_INTERVAL_MILLIS) < deadline) {
                Thread.sleep(CUT_INTERVAL_MILLIS);
                // A restart: every connection terminated, none accepted for a moment, then accepted again.
                try {
                    terminated.add(cutTheDatabase());
                    Thread.sleep(RESTART_MILLIS);
                } finally {
                    restoreTheDatabase();
                }
                recoveries.add(millisUntilServed(probe));
            }
            for (Future<Void> worker : workers) {
                worker.get(CUT_LOAD_SECONDS + 120L, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("DatabaseOutageIT: " + CUT_LOAD_SECONDS + " s of load, " + terminated.size() + " cuts terminating "
                + terminated + " connections; served again after " + recoveries + " ms; replies " + load.outcomes);

        assertThat(load.unclean).as("replies neither successful nor a clean 503 with Retry-After").isEmpty();
        assertThat(terminated).as("every cut terminated the server's connections").isNotEmpty().allMatch(n -> n > 0);
        assertThat(recoveries).as("served again within seconds of each cut").allMatch(millis -> millis < 10_000);
        assertThat(load.count("signIn 200")).as("sign-ins succeeded").isPositive();
        assertThat(load.count("registration 201")).as("registrations succeeded").isPositive();

        for (MixedLoad.Registrant registrant : load.registrants) {
            UUID user = UUID.fromString(registrant.userId());
            long stored = TestDirectory.count("select count(*) from passkey where user_id = ?", user);
            assertThat(stored).as("every passkey answered 201 is stored").isGreaterThanOrEqualTo(registrant.created().size());
            for (String id : registrant.created()) {
                assertThat(TestDirectory.count("select count(*) from passkey where id = ?", id)).as("passkey " + id).isEqualTo(1);
            }
            assertThat(TestDirectory.count("select count(*) from directory_audit where activity = 'User registered security info' "
                    + "and target_id = ?", registrant.userId())).as("one audit entry per stored passkey, none for one not stored").isEqualTo(stored);
            assertThat(TestDirectory.count("select count(*) from passkey p where p.user_id = ? and not exists (select 1 from directory_audit a "
                    + "where a.activity = 'User registered security info' and a.target_id = ? and a.modified_properties like '%' || p.display_name || '%')",
                    user, registrant.userId())).as("no passkey without the audit entry naming it").isZero();
        }
        assertThat(TestDirectory.count("select count(*) from passkey where display_name like ?", load.namePrefix + "%"))
                .as("no more passkeys than registrations sent").isLessThanOrEqualTo(load.registrations.sum());
        long versions = policyVersion() - policyVersion;
        assertThat(versions).as("a policy version for every change answered 204, none for more than were sent")
                .isBetween(Math.max(1, load.count("policyChange 204")), load.policyChanges.sum());
        assertThat(TestDirectory.count("select count(*) from directory_audit where activity = 'Update authentication methods policy'") - policyAudits)
                .as("one audit entry per policy version").isEqualTo(versions);
        for (MixedLoad.Signer signer : load.signers) {
            UUID user = UUID.fromString(signer.userId());
            long logged = TestDirectory.count("select count(*) from sign_in_log where user_id = ? and error_code = 0", user);
            assertThat(logged).as("a log row for every sign-in answered 200, at most one more per sign-in answered 503")
                    .isBetween(signer.succeeded().sum(), signer.succeeded().sum() + signer.refused().sum());
            assertThat(TestDirectory.count("select count(*) from sign_in_log where user_id = ? and error_code <> 0", user))
                    .as("no sign-in refused for a reason of its own").isZero();
            assertThat(TestDirectory.count("select count(*) from sign_in_session where user_id = ?", user))
                    .as("a session for every logged sign-in (one transaction)").isEqualTo(logged);
            assertThat(TestDirectory.count("select sign_count from passkey where user_id = ?", user)).as("stored sign count")
                    .isBetween(signer.highestSucceeded().get(), signer.highestPresented().get());
        }
    }

    /** How long until a Graph read of a user is answered 200 again (the database accepts connections). */
    private long millisUntilServed(String userId) {
        long start = System.nanoTime();
        while (graph.get("users/" + userId, admin).status() != 200 && System.nanoTime() - start < 30_000_000_000L && pause()) {
            // polls every 200 ms
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long policyVersion() {
        return TestDirectory.count("select version from authentication_method_policy where method_id = 'fido2'");
    }

    /** A browser sent to sign in by an app Keyward does not know: the authorization request needs the database. */
    static URI authorizationOfAnUnknownApp(String tenant) {
        return URI.create(tenant + "/oauth2/v2.0/authorize?client_id=" + UUID.randomUUID()
                + "&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback");
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The ITs' database: the last segment of {@code keyward.test.db.url}. */
    private static String database() {
        String url = System.getProperty("keyward.test.db.url");
        String path = URI.create(url.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    /** A connection to the cluster's {@code postgres} database, from which the ITs' database is switched off and on. */
    private static Connection maintenance() throws SQLException {
        String url = System.getProperty("keyward.test.db.url");
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                System.getProperty("keyward.test.db.user"), System.getProperty("keyward.test.db.password"));
    }

    /** Stops the ITs' database accepting connections and terminates every one open to it; returns how many. */
    private static long cutTheDatabase() throws SQLException {
        try (Connection db = maintenance(); var st = db.createStatement()) {
            st.execute("alter database \"" + database() + "\" allow_connections false");
            try (var terminated = st.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity where datname = '"
                    + database() + "' and pid <> pg_backend_pid()")) {
                terminated.next();
                return terminated.getLong(1);
            }
        }
    }

    private static void restoreTheDatabase() throws SQLException {
        try (Connection db = maintenance(); var st = db.createStatement()) {
            st.execute("alter database \"" + database() + "\" allow_connections true");
        }
    }
}
