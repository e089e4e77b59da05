package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyward as a cluster (docs/operations.md#running-keyward-as-a-cluster): two nodes started with {@code ./keyward
 * start} on one PostgreSQL database, the same key-encryption key and one public URL, as behind a load balancer that
 * sends each request to either node. A ceremony begun on one node finishes on the other, tokens and session cookies of
 * one are good on the other, a passkey policy change and a conditional access policy made on one are enforced by the
 * other within {@code keyward.policy.cache-seconds}, and when one node dies the other serves everyone.
 */
class ClusterIT {

    private static final String DATABASE = TestDatabase.named("e2e_cluster");
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("keyward.e2e.startup-timeout-seconds", 180));
    private static final int POLICY_CACHE_SECONDS = 3;

    private final GraphClient graph = new GraphClient();
    private final List<Path> directories = new java.util.ArrayList<>();
    private KeywardProcess nodeA;
    private KeywardProcess nodeB;

    @BeforeEach
    void database() throws Exception {
        TestDatabase.recreate(DATABASE);
    }

    @AfterEach
    void stop() throws Exception {
        for (KeywardProcess node : new KeywardProcess[]{nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        for (Path directory : directories) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        TestDatabase.drop(DATABASE);
    }

    @Test
    void twoNodesServeOneOrganizationAndTheSurvivorServesEveryoneWhenOneDies() throws Exception {
        Path root = RepositoryRoot.path();
        Path logs = Path.of(System.getProperty("keyward.e2e.logs", root.resolve("e2e/target/e2e-logs").toString()));
        int portA = FreePort.forKeyward();
        int portB = FreePort.forKeyward();
        String publicUrl = "http://localhost:" + portA;
        Map<String, String> settings = TestDatabase.environment(DATABASE);
        settings.put("KEYWARD_KEYS_ENCRYPTION_KEY_FILE", keyEncryptionKey().toString());
        settings.put("KEYWARD_BASE_URL", publicUrl);
        settings.put("KEYWARD_POLICY_CACHE_SECONDS", Integer.toString(POLICY_CACHE_SECONDS));
        Path dataA = directory("keyward-node-a-");
        Path dataB = directory("keyward-node-b-");
        nodeA = KeywardProcess.startProduction(root, portA, dataA, logs.resolve("cluster-node-a.log"), settings);
        nodeA.awaitReady(TIMEOUT, () -> Files.exists(dataA.resolve(Bootstrap.FILE_NAME)));
        // The second node finds the schema migrated and the organization bootstrapped: it joins, it does not start another.
        nodeB = KeywardProcess.startProduction(root, portB, dataB, logs.resolve("cluster-node-b.log"), settings);
        nodeB.awaitReady(TIMEOUT, () -> true);
        assertThat(Files.exists(dataB.resolve(Bootstrap.FILE_NAME))).as("node B bootstrapped a second organization").isFalse();
        String a = "http://localhost:" + portA;
        String b = "http://localhost:" + portB;

        // A token from node A's token endpoint is good on node B (one signing key, sealed in the shared database).
        String token = graph.accessToken(Bootstrap.read(dataA));
        GraphClient.Reply policy = graph.send("PATCH", b + "/graph/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
                token, Map.of("@odata.type", "#microsoft.graph.fido2AuthenticationMethodConfiguration", "state", "enabled"));
        assertThat(policy.status()).as("%s", policy.body()).isEqualTo(204);
        String upn = "cluster-" + UUID.randomUUID().toString().substring(0, 8) + "@keyward.local";
        GraphClient.Reply user = graph.send("POST", b + "/graph/v1.0/users", token, Map.of("accountEnabled", true,
                "displayName", "Cleo Cluster", "userPrincipalName", upn, "mailNickname", "cleo"));
        assertThat(user.status()).as("%s", user.body()).isEqualTo(201);
        String userId = user.body().get("id").asText();

        // Provisioning: creationOptions from node A, the credential registered on node B.
        SoftPasskey key = new SoftPasskey(publicUrl);
        GraphClient.Reply provisioned = key.provision(graph, token, a + "/graph/beta", b + "/graph/beta", userId);
        assertThat(provisioned.status()).as("%s", provisioned.body()).isEqualTo(201);

        // Sign-in: options from node B, the assertion finished on node A, and the session cookie good on node B.
        SoftPasskey.Reply signedIn = key.signIn(b, a);
        assertThat(signedIn.status()).as("%s", signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body().get("userPrincipalName").asText()).isEqualTo(upn);
        SoftPasskey.Reply me = key.myAccount(b, signedIn.sessionCookie().orElseThrow());
        assertThat(me.status()).as("%s", me.body()).isEqualTo(200);
        assertThat(me.body().get("userPrincipalName").asText()).isEqualTo(upn);
        // Both nodes see the same sign-in log.
        assertThat(signInsOf(a, token, userId)).isEqualTo(signInsOf(b, token, userId)).isEqualTo(1);

        // The passkey method turned off on node A: node B refuses within its cache bound, with the reason code.
        key.signIn(b, b); // node B has the policy in its cache now
        Instant changed = Instant.now();
        policy = graph.send("PATCH", a + "/graph/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
                token, Map.of("@odata.type", "#microsoft.graph.fido2AuthenticationMethodConfiguration", "state", "disabled"));
        assertThat(policy.status()).as("%s", policy.body()).isEqualTo(204);
        SoftPasskey.Reply refused = key.signIn(b, b);
        while (refused.status() == 200 && Duration.between(changed, Instant.now()).toSeconds() < POLICY_CACHE_SECONDS + 10) {
            Thread.sleep(250);
            refused = key.signIn(b, b);
        }
        Duration converged = Duration.between(changed, Instant.now());
        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.body().get("error").get("code").asText()).isEqualTo("passkeyMethodDisabled");
        assertThat(converged).as("node B enforced node A's change after %s", converged)
                .isLessThanOrEqualTo(Duration.ofSeconds(POLICY_CACHE_SECONDS + 2));
        policy = graph.send("PATCH", b + "/graph/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
                token, Map.of("@odata.type", "#microsoft.graph.fido2AuthenticationMethodConfiguration", "state", "enabled"));
        assertThat(policy.status()).as("%s", policy.body()).isEqualTo(204);

        // Conditional access: a policy blocking this user from an app, created on node A, is enforced by node B within
        // the same cache bound (node B's single sign-on into the app then ends in interaction_required).
        String redirect = "https://app.cluster.example/callback";
        GraphClient.Reply app = graph.send("POST", a + "/graph/v1.0/applications", token, Map.of("displayName", "Cluster app",
                "spa", Map.of("redirectUris", List.of(redirect))));
        assertThat(app.status()).as("%s", app.body()).isEqualTo(201);
        String clientId = app.body().get("appId").asText();
        String tenant = tenantOf(token);
        String cookie = key.signIn(b, b).sessionCookie().orElseThrow();
        for (String node : List.of(a, b)) {
            assertThat(key.authorizeWithoutInteraction(node, tenant, clientId, redirect, cookie)).as("%s reads the policies now", node)
                    .startsWith(redirect + "?code=");
        }
        changed = Instant.now();
        GraphClient.Reply blocking = graph.send("POST", a + "/graph/v1.0/identity/conditionalAccess/policies", token, Map.of(
                "displayName", "Block Cleo from the cluster app", "state", "enabled",
                "conditions", Map.of("clientAppTypes", List.of("all"), "users", Map.of("includeUsers", List.of(userId)),
                        "applications", Map.of("includeApplications", List.of(clientId))),
                "grantControls", Map.of("operator", "OR", "builtInControls", List.of("block"))));
        assertThat(blocking.status()).as("%s", blocking.body()).isEqualTo(201);
        assertThat(key.authorizeWithoutInteraction(a, tenant, clientId, redirect, cookie)).as("node A, where it was made, at once")
                .startsWith(redirect + "?error=interaction_required");
        String location = key.authorizeWithoutInteraction(b, tenant, clientId, redirect, cookie);
        while (location.contains("code=") && Duration.between(changed, Instant.now()).toSeconds() < POLICY_CACHE_SECONDS + 10) {
            Thread.sleep(250);
            location = key.authorizeWithoutInteraction(b, tenant, clientId, redirect, cookie);
        }
        converged = Duration.between(changed, Instant.now());
        assertThat(location).startsWith(redirect + "?error=interaction_required");
        assertThat(converged).as("node B enforced node A's policy after %s", converged)
                .isLessThanOrEqualTo(Duration.ofSeconds(POLICY_CACHE_SECONDS + 2));

        // Node A dies mid-flight: a ceremony it began finishes on node B, and node B serves sign-ins and Graph alone.
        int logged = signInsOf(b, token, userId);
        SoftPasskey.Reply begunOnA = key.signIn(a, b);
        assertThat(begunOnA.status()).as("%s", begunOnA.body()).isEqualTo(200);
        nodeA.kill();
        nodeA = null;
        SoftPasskey.Reply afterCrash = key.signIn(b, b);
        assertThat(afterCrash.status()).as("%s", afterCrash.body()).isEqualTo(200);
        assertThat(graph.get(b + "/graph/v1.0/users/" + userId, Optional.of(token)).status()).isEqualTo(200);
        assertThat(signInsOf(b, token, userId)).as("both sign-ins logged once, whichever node").isEqualTo(logged + 2);
    }

    /** The tenant id ({@code tid}) of an access token. */
    private static String tenantOf(String token) throws IOException {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).get("tid").asText();
    }

    private int signInsOf(String node, String token, String userId) throws IOException, InterruptedException {
        List<JsonNode> signIns = graph.listAll(node + "/graph/v1.0/auditLogs/signIns?$filter=userId%20eq%20'" + userId + "'", token);
        return (int) signIns.stream().filter(s -> s.path("status").path("errorCode").asInt(-1) == 0).count();
    }

    private Path directory(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        directories.add(directory);
        return directory;
    }

    private Path keyEncryptionKey() throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = Files.writeString(directory("keyward-cluster-secrets-").resolve("kek"), Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
