package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./keyward start}, production mode: PostgreSQL from {@code KEYWARD_DB_*}, no demo data, and a clear
 * refusal when the database is missing, unreachable or misconfigured.
 */
class ProductionStartIT {

    private static final String DATABASE = "keyward_e2e_prod";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final GraphClient graph = new GraphClient();
    private Path root;
    private Path data;
    private Path logs;
    private KeywardProcess keyward;

    @BeforeEach
    void prepare() throws IOException {
        root = RepositoryRoot.path();
        logs = Path.of(System.getProperty("keyward.e2e.logs", root.resolve("e2e/target/e2e-logs").toString()));
        data = Files.createTempDirectory("keyward-prod-");
    }

    @AfterEach
    void stop() throws Exception {
        if (keyward != null) {
            keyward.close();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void refusesToStartWithoutADatabaseUrl() throws Exception {
        keyward = KeywardProcess.startProduction(root, FreePort.forKeyward(), data, logs.resolve("prod-no-url.log"), Map.of());

        assertThat(keyward.awaitExit(TIMEOUT)).isEqualTo(1);
        assertThat(keyward.log()).contains("production mode needs PostgreSQL: set KEYWARD_DB_URL");
    }

    @Test
    void refusesANonPostgresqlUrl() throws Exception {
        keyward = KeywardProcess.startProduction(root, FreePort.forKeyward(), data, logs.resolve("prod-h2-url.log"),
                Map.of("KEYWARD_DB_URL", "jdbc:h2:mem:keyward"));

        assertThat(keyward.awaitExit(TIMEOUT)).isEqualTo(1);
        assertThat(keyward.log()).contains("KEYWARD_DB_URL must be a PostgreSQL JDBC URL");
    }

    @Test
    void refusesToStartWhenTheDatabaseIsUnreachableAndSaysWhatToCheck() throws Exception {
        keyward = KeywardProcess.startProduction(root, FreePort.forKeyward(), data, logs.resolve("prod-unreachable.log"),
                Map.of("KEYWARD_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/keyward",
                        "KEYWARD_DB_USER", "keyward", "KEYWARD_DB_PASSWORD", "secret"));

        assertThat(keyward.awaitExit(TIMEOUT)).as(keyward.log()).isEqualTo(3);
        assertThat(keyward.log()).contains("Keyward did not start:").contains("Cannot connect to the Keyward database")
                .contains("Check KEYWARD_DB_URL, KEYWARD_DB_USER and KEYWARD_DB_PASSWORD");
    }

    @Test
    void refusesToStartOnADatabaseThatDoesNotExist() throws Exception {
        keyward = KeywardProcess.startProduction(root, FreePort.forKeyward(), data, logs.resolve("prod-no-database.log"),
                database("keyward_e2e_no_such_database"));

        assertThat(keyward.awaitExit(TIMEOUT)).as(keyward.log()).isEqualTo(3);
        assertThat(keyward.log()).contains("Cannot connect to the Keyward database").contains("does not exist");
    }

    @Test
    void startsOnPostgresqlWithoutDemoDataAndPrintsTheBootstrapCredentialsOnce() throws Exception {
        recreateDatabase();
        int port = FreePort.forKeyward();
        keyward = KeywardProcess.startProduction(root, port, data, logs.resolve("prod-start.log"), database(DATABASE));
        keyward.awaitReady(TIMEOUT, () -> keyward.log().contains("client secret:"));

        String log = keyward.log();
        assertThat(Files.exists(data.resolve("bootstrap.json"))).isFalse();
        String tenantId = printed(log, "Tenant id:\\s+(\\S+)");
        String clientId = printed(log, "client id:\\s+(\\S+)");
        String secret = printed(log, "client secret:\\s+(\\S+)");
        Bootstrap printedCredentials = new Bootstrap(tenantId, null, null, clientId, secret, keyward.baseUrl() + "/graph/v1.0",
                keyward.baseUrl() + "/" + tenantId + "/oauth2/v2.0/token", "https://graph.microsoft.com/.default");
        String token = graph.accessToken(printedCredentials);
        JsonNode users = graph.get(keyward.baseUrl() + "/graph/v1.0/users", java.util.Optional.of(token)).body().get("value");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).get("userPrincipalName").asText()).isEqualTo("admin@keyward.local");
    }

    private Map<String, String> database(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("KEYWARD_DB_URL", serverUrl().replaceAll("/[^/?]*(\\?.*)?$", "/" + name));
        env.put("KEYWARD_DB_USER", System.getProperty("keyward.test.db.user", "postgres"));
        env.put("KEYWARD_DB_PASSWORD", System.getProperty("keyward.test.db.password", "keyward"));
        return env;
    }

    private static void recreateDatabase() throws SQLException {
        String admin = serverUrl().replaceAll("/[^/?]*(\\?.*)?$", "/postgres");
        try (Connection db = DriverManager.getConnection(admin, System.getProperty("keyward.test.db.user", "postgres"),
                System.getProperty("keyward.test.db.password", "keyward")); Statement st = db.createStatement()) {
            st.execute("drop database if exists " + DATABASE + " with (force)");
            st.execute("create database " + DATABASE);
        }
    }

    private static String serverUrl() {
        return System.getProperty("keyward.test.db.url", "jdbc:postgresql://127.0.0.1:5432/keyward_test");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String printed(String log, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(log);
        assertThat(m.find()).as("log shows " + pattern).isTrue();
        return m.group(1);
    }
}
