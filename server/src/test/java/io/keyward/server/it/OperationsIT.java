package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators watch, on WildFly's management interface: MicroProfile Health ({@code /health/ready},
 * {@code /health/live}) with Keyward's named checks, and the Prometheus scrape of Micrometer ({@code /metrics}) with
 * Keyward's sign-in, registration, latency and challenge store meters and the datasource pool's statistics.
 */
class OperationsIT extends GraphIT {

    static final URI MANAGEMENT = URI.create("http://127.0.0.1:" + System.getProperty("keyward.test.management.port", "10290") + "/");

    @Test
    void readinessIsUpWithTheDatabaseTheSchemaAndTheSigningKeyNamedWithTheirData() {
        Graph.Reply ready = management("health/ready");

        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        Map<String, JsonNode> checks = checks(ready.json());
        assertThat(checks).containsKeys("keyward-database", "keyward-schema", "keyward-signing-key");
        assertThat(checks.get("keyward-database").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("keyward-database").get("data").get("database").asText()).startsWith("PostgreSQL");
        assertThat(checks.get("keyward-schema").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("keyward-schema").get("data").get("pendingMigrations").asInt()).isZero();
        assertThat(checks.get("keyward-schema").get("data").get("version").asText())
                .isEqualTo(String.valueOf(TestDirectory.count("select max(cast(version as integer)) from flyway_schema_history where success")));
        assertThat(checks.get("keyward-signing-key").get("status").asText()).isEqualTo("UP");
        String kid = checks.get("keyward-signing-key").get("data").get("keyId").asText();
        assertThat(TestDirectory.count("select count(*) from signing_key where kid = ? and status = 'active' and algorithm = 'RS256'", kid))
                .isEqualTo(1);
        String accessTokenKid = checks.get("keyward-signing-key").get("data").get("ES256KeyId").asText();
        assertThat(TestDirectory.count("select count(*) from signing_key where kid = ? and status = 'active' and algorithm = 'ES256'",
                accessTokenKid)).isEqualTo(1);
    }

    @Test
    void livenessIsUpWithKeywardsThreadCheck() {
        Graph.Reply live = management("health/live");

        assertThat(live.status()).as(live.toString()).isEqualTo(200);
        JsonNode threads = checks(live.json()).get("keyward-threads");
        assertThat(threads).as(live.toString()).isNotNull();
        assertThat(threads.get("status").asText()).isEqualTo("UP");
        assertThat(threads.get("data").get("deadlockedThreads").asInt()).isZero();
    }

    @Test
    void readinessIsDownWhileNoSigningKeyIsActiveAndUpAgainOnceItIs() {
        List<String> active = new ArrayList<>();
        try (var db = TestDirectory.connect(); var rs = db.createStatement().executeQuery("select kid from signing_key where status = 'active'")) {
            while (rs.next()) {
                active.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(active).isNotEmpty();
        try {
            active.forEach(kid -> TestDirectory.update("update signing_key set status = 'retired' where kid = ?", kid));

            Graph.Reply down = management("health/ready");

            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
            JsonNode key = checks(down.json()).get("keyward-signing-key");
            assertThat(key.get("status").asText()).isEqualTo("DOWN");
            assertThat(key.get("data").get("reason").asText()).contains("No active token signing key");
            assertThat(checks(down.json()).get("keyward-database").get("status").asText()).as("only the key is missing").isEqualTo("UP");
        } finally {
            active.forEach(kid -> TestDirectory.update("update signing_key set status = 'active', retired_at = null where kid = ?", kid));
        }
        assertThat(management("health/ready").status()).isEqualTo(200);
    }

    @Test
    void theScrapeCountsASignInARefusalAndARegistrationWithTheirTagsAndTimesTheCeremony() {
        String userId = graph.post("users", admin, userJson(upn("metered"), "Metered")).json().get("id").asText();
        Map<String, String> signedIn = Map.of("method", "Passkey", "result", "success", "reason", "none");
        Map<String, String> unknownKey = Map.of("method", "Passkey", "result", "failure", "reason", "credentialNotFound");
        Map<String, String> provisioned = Map.of("method", "passkey", "channel", "admin_provisioning", "result", "success", "reason", "none");
        Map<String, String> timedFinish = Map.of("ceremony", "signin.passkey", "outcome", "success");
        String before = scrape();

        PackedAuthenticator key = new PackedAuthenticator();
        String path = "users/" + userId + "/authentication/fido2Methods";
        assertThat(graph.post(path, admin, Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN,
                graph.get(path + "/creationOptions", admin).json()), null)).status()).isEqualTo(201);
        assertThat(new Browser(graph.root()).signIn(key, null).status()).isEqualTo(200);
        // A passkey made for this user but never registered: refused with credentialNotFound.
        PackedAuthenticator stranger = new PackedAuthenticator();
        Provisioning.create(stranger, PasskeyProvisioningIT.ORIGIN, graph.get(path + "/creationOptions", admin).json());
        Graph.Reply refused = new Browser(graph.root()).signIn(stranger, null);
        assertThat(refused.errorCode()).as(refused.toString()).isEqualTo("credentialNotFound");
        String after = scrape();
        String keywardSeries = after.lines().filter(line -> line.startsWith("keyward_") || line.contains("datasources"))
                .collect(java.util.stream.Collectors.joining("\n"));
        after.lines().filter(line -> line.startsWith("keyward_signins") || line.startsWith("keyward_registrations")
                || line.startsWith("keyward_challenges") || line.contains("ceremony=\"signin.passkey\",outcome=\"success\"")
                || line.startsWith("datasources_pool_in_use")).forEach(line -> System.out.println("OperationsIT scrape: " + line));

        assertThat(value(after, "keyward_signins_total", signedIn) - value(before, "keyward_signins_total", signedIn)).as(keywardSeries).isEqualTo(1.0);
        assertThat(value(after, "keyward_signins_total", unknownKey) - value(before, "keyward_signins_total", unknownKey)).isEqualTo(1.0);
        assertThat(value(after, "keyward_registrations_total", provisioned) - value(before, "keyward_registrations_total", provisioned)).isEqualTo(1.0);
        assertThat(value(after, "keyward_ceremony_duration_seconds_count", timedFinish)
                - value(before, "keyward_ceremony_duration_seconds_count", timedFinish)).isEqualTo(1.0);
        Map<String, String> bucket = new LinkedHashMap<>(timedFinish);
        bucket.put("le", "10.0");
        assertThat(value(after, "keyward_ceremony_duration_seconds_bucket", bucket)).as("the histogram's largest bucket")
                .isEqualTo(value(after, "keyward_ceremony_duration_seconds_count", timedFinish));
        assertThat(samples(after, "keyward_challenges_stored", Map.of("purpose", "used-signin"))).as("challenge store gauge").isNotEmpty();
        assertThat(value(after, "keyward_challenges_stored", Map.of("purpose", "used-signin"))).as("a count while the database answers").isNotNaN();
        assertThat(samples(after, "datasources_pool_in_use_count", Map.of("name", "KeywardDS", "type", "data-source")))
                .as("the KeywardDS pool's statistics").hasSize(1);
        assertThat(samples(after, "datasources_pool_available_count", Map.of("name", "KeywardDS"))).hasSize(1);
    }

    private static Graph.Reply management(String path) {
        return Graph.send(HttpRequest.newBuilder(MANAGEMENT.resolve(path)).GET());
    }

    static String scrape() {
        Graph.Reply metrics = management("metrics");
        assertThat(metrics.status()).as("GET /metrics").isEqualTo(200);
        return metrics.body();
    }

    private static Map<String, JsonNode> checks(JsonNode health) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        health.get("checks").forEach(check -> byName.put(check.get("name").asText(), check));
        return byName;
    }

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The values of the samples of {@code name} whose labels include {@code labels}. */
    private static List<Double> samples(String exposition, String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            if (!sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                values.add(Double.parseDouble(sample.group(3)));
            }
        }
        return values;
    }

    /** The value of the one series of {@code name} with {@code labels}; 0 when it has not been written yet. */
    static double value(String exposition, String name, Map<String, String> labels) {
        List<Double> values = samples(exposition, name, labels);
        assertThat(values).as(name + labels + " names at most one series").hasSizeLessThanOrEqualTo(1);
        return values.isEmpty() ? 0 : values.get(0);
    }
}
