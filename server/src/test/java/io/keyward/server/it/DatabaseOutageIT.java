package io.keyward.server.it;

import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under a running server and comes back. The PostgreSQL server is shared and is never
 * restarted: the outage is of the ITs' own database only, which stops accepting connections
 * ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}) while every connection the server's pool holds to it is
 * terminated, as a restart or a network cut would. Requests then fail cleanly (503 with {@code Retry-After}, in each
 * caller's shape), readiness goes DOWN, nothing is half-written, and the server recovers by itself within seconds of
 * the database accepting connections again.
 */
class DatabaseOutageIT extends GraphIT {

    @Test
    void requestsFailCleanlyWithRetryAfterWhileTheDatabaseIsAwayAndSucceedWithinSecondsOnceItIsBack() throws Exception {
        String userId = graph.post("users", admin, userJson(upn("outage"), "Outage")).json().get("id").asText();
        PackedAuthenticator key = new PackedAuthenticator();
        String path = "users/" + userId + "/authentication/fido2Methods";
        assertThat(graph.post(path, admin, Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN,
                graph.get(path + "/creationOptions", admin).json()), null)).status()).isEqualTo(201);
        String registration = Provisioning.body(Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN,
                graph.get(path + "/creationOptions", admin).json()), "Made during the outage");
        Browser browser = new Browser(graph.root());
        // An assertion over a challenge issued before the outage: its finish needs the database.
        var assertion = Browser.assertionJson(browser.assertion(key, null)).toString();
        String tenant = TestDirectory.tenantId();
        long signInRows = TestDirectory.count("select count(*) from sign_in_log where user_id = ?", UUID.fromString(userId));

        long recoveredAfterMillis;
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

            // A browser sent to sign in by an app: the authorization request needs the app's registration.
            Graph.Reply page = browser.navigate(URI.create(tenant + "/oauth2/v2.0/authorize?client_id=" + UUID.randomUUID()
                    + "&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"));
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

    private static void cutTheDatabase() throws SQLException {
        try (Connection db = maintenance(); var st = db.createStatement()) {
            st.execute("alter database \"" + database() + "\" allow_connections false");
            st.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database() + "' and pid <> pg_backend_pid()");
        }
    }

    private static void restoreTheDatabase() throws SQLException {
        try (Connection db = maintenance(); var st = db.createStatement()) {
            st.execute("alter database \"" + database() + "\" allow_connections true");
        }
    }
}
