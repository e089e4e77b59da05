package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./keyward start}, production mode: PostgreSQL from {@code KEYWARD_DB_*}, a key-encryption key from
 * {@code KEYWARD_KEYS_ENCRYPTION_KEY_FILE}, no demo data, secrets only in {@code bootstrap.json}, and a clear refusal
 * when the database is missing, unreachable or misconfigured or the key-encryption key is missing or wrong.
 */
class ProductionStartIT {

    /** Named after the test database, so that checkouts testing side by side on one PostgreSQL do not collide. */
    private static final String DATABASE = TestDatabase.named("e2e_prod");
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final GraphClient graph = new GraphClient();
    private Path root;
    private Path data;
    private Path secrets;
    private Path logs;
    private KeywardProcess keyward;

    @BeforeEach
    void prepare() throws IOException {
        root = RepositoryRoot.path();
        logs = Path.of(System.getProperty("keyward.e2e.logs", root.resolve("e2e/target/e2e-logs").toString()));
        data = Files.createTempDirectory("keyward-prod-");
        secrets = Files.createTempDirectory("keyward-prod-secrets-");
    }

    @AfterEach
    void stop() throws Exception {
        if (keyward != null) {
            keyward.close();
        }
        for (Path directory : List.of(data, secrets)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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
                TestDatabase.environment("keyward_e2e_no_such_database"));

        assertThat(keyward.awaitExit(TIMEOUT)).as(keyward.log()).isEqualTo(3);
        assertThat(keyward.log()).contains("Cannot connect to the Keyward database").contains("does not exist");
    }

    @Test
    void refusesToStartWithoutAKeyEncryptionKey() throws Exception {
        TestDatabase.recreate(DATABASE);
        keyward = KeywardProcess.startProduction(root, FreePort.forKeyward(), data, logs.resolve("prod-no-kek.log"), TestDatabase.environment(DATABASE));

        assertThat(keyward.awaitExit(TIMEOUT)).as(keyward.log()).isEqualTo(3);
        assertThat(keyward.log()).contains("Keyward did not start:").contains("Production mode needs a key-encryption key")
                .contains("KEYWARD_KEYS_ENCRYPTION_KEY_FILE");
    }

    @Test
    void startsOnPostgresqlWithoutDemoDataAndLeavesTheBootstrapSecretsInBootstrapJsonOnly() throws Exception {
        TestDatabase.recreate(DATABASE);
        int port = FreePort.forKeyward();
        Path bootstrapFile = data.resolve(Bootstrap.FILE_NAME);
        keyward = KeywardProcess.startProduction(root, port, data, logs.resolve("prod-start.log"), withKey(keyEncryptionKey("kek")));
        keyward.awaitReady(TIMEOUT, () -> Files.exists(bootstrapFile));

        Bootstrap bootstrap = Bootstrap.read(data);
        assertThat(permissions(bootstrapFile)).isEqualTo("rw-------");
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(keyward.log()).as("console and server log").contains(bootstrapFile.toString())
                .doesNotContain(bootstrap.adminTemporaryAccessPass()).doesNotContain(bootstrap.clientSecret());
        String token = graph.accessToken(bootstrap);
        JsonNode users = graph.get(keyward.baseUrl() + "/graph/v1.0/users", java.util.Optional.of(token)).body().get("value");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).get("userPrincipalName").asText()).isEqualTo("admin@keyward.local");
        assertThat(storedSigningKeys()).isNotEmpty().allSatisfy(jwk ->
                assertThat(jwk).as("a stored signing key").doesNotStartWith("{").doesNotContain("\"d\""));
    }

    @Test
    void refusesToStartWithAnotherKeyEncryptionKeyThanTheSigningKeysWereSealedWith() throws Exception {
        TestDatabase.recreate(DATABASE);
        int port = FreePort.forKeyward();
        keyward = KeywardProcess.startProduction(root, port, data, logs.resolve("prod-kek-first.log"), withKey(keyEncryptionKey("first")));
        keyward.awaitReady(TIMEOUT, () -> Files.exists(data.resolve(Bootstrap.FILE_NAME)));
        keyward.close();

        keyward = KeywardProcess.startProduction(root, port, data, logs.resolve("prod-kek-other.log"), withKey(keyEncryptionKey("other")));

        assertThat(keyward.awaitExit(TIMEOUT)).as(keyward.log()).isEqualTo(3);
        assertThat(keyward.log()).contains("Keyward did not start:").contains("Cannot open token signing key")
                .contains("sealed with another key-encryption key");
    }

    @Test
    void sealsASigningKeyThatAnEarlierVersionStoredInClearAndKeepsItsTokensValid() throws Exception {
        TestDatabase.recreate(DATABASE);
        int port = FreePort.forKeyward();
        Path kek = keyEncryptionKey("kek");
        keyward = KeywardProcess.startProduction(root, port, data, logs.resolve("prod-clear-first.log"), withKey(kek));
        keyward.awaitReady(TIMEOUT, () -> Files.exists(data.resolve(Bootstrap.FILE_NAME)));
        Bootstrap bootstrap = Bootstrap.read(data);
        String tokenBefore = graph.accessToken(bootstrap);
        keyward.close();
        unsealStoredKeys(kek);
        List<String> clear = storedSigningKeys();
        assertThat(clear).hasSize(2).allSatisfy(jwk -> assertThat(jwk).startsWith("{"));

        keyward = KeywardProcess.startProduction(root, port, data, logs.resolve("prod-clear-restart.log"), withKey(kek));
        keyward.awaitReady(TIMEOUT, () -> true);

        assertThat(storedSigningKeys()).isNotEmpty().allSatisfy(jwk -> assertThat(jwk).doesNotStartWith("{").doesNotContain("\"d\""));
        assertThat(keyward.log()).contains("Sealed " + clear.size() + " token signing key(s) that were stored in clear");
        assertThat(graph.get(keyward.baseUrl() + "/graph/v1.0/organization", java.util.Optional.of(tokenBefore)).status())
                .as("a token signed before the key was sealed").isEqualTo(200);
    }

    /** A new key-encryption key file: 32 random bytes in base64, readable only by this account. */
    private Path keyEncryptionKey(String name) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = Files.writeString(secrets.resolve(name), Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Map<String, String> withKey(Path keyEncryptionKey) {
        Map<String, String> env = TestDatabase.environment(DATABASE);
        env.put("KEYWARD_KEYS_ENCRYPTION_KEY_FILE", keyEncryptionKey.toString());
        return env;
    }

    private static List<String> storedSigningKeys() throws SQLException {
        try (Connection db = TestDatabase.connect(DATABASE); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("select jwk from signing_key")) {
            List<String> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        }
    }

    /**
     * Turns every stored key back into the clear JWK an earlier version stored: opens the compact JWE (dir, A256GCM;
     * RFC 7516 §5.2, the protected header as additional data) with the JDK's AES-GCM.
     */
    private static void unsealStoredKeys(Path keyEncryptionKey) throws Exception {
        byte[] kek = Base64.getDecoder().decode(Files.readString(keyEncryptionKey).strip());
        try (Connection db = TestDatabase.connect(DATABASE); Statement st = db.createStatement();
             ResultSet rows = st.executeQuery("select kid, jwk from signing_key")) {
            while (rows.next()) {
                String[] jwe = rows.getString(2).split("\\.");
                Base64.Decoder b64 = Base64.getUrlDecoder();
                Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
                aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, b64.decode(jwe[2])));
                aes.updateAAD(jwe[0].getBytes(StandardCharsets.US_ASCII));
                aes.update(b64.decode(jwe[3]));
                String clear = new String(aes.doFinal(b64.decode(jwe[4])), StandardCharsets.UTF_8);
                try (PreparedStatement update = db.prepareStatement("update signing_key set jwk = ? where kid = ?")) {
                    update.setString(1, clear);
                    update.setString(2, rows.getString(1));
                    update.executeUpdate();
                }
            }
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
