package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start as a newcomer runs it: {@code ./keyward start-dev} on a fresh data directory gives a demo
 * tenant that a script can use with the credentials from {@code bootstrap.json}; a restart on the same directory
 * keeps everything and seeds nothing. Runs against the WARs and WildFly the reactor built before this module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickStartIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final String ALICE = "alice@contoso.keyward.local";

    private final GraphClient graph = new GraphClient();
    private Path root;
    private Path dataDirectory;
    private Path logs;
    private int port;
    private KeywardProcess keyward;
    private Bootstrap bootstrap;

    @BeforeAll
    void startOnAFreshDataDirectory() throws Exception {
        root = RepositoryRoot.path();
        logs = Path.of(System.getProperty("keyward.e2e.logs", root.resolve("e2e/target/e2e-logs").toString()));
        dataDirectory = Files.createTempDirectory("keyward-quickstart-");
        port = FreePort.forKeyward();
        Path bootstrapFile = dataDirectory.resolve(Bootstrap.FILE_NAME);
        keyward = KeywardProcess.startDev(root, port, dataDirectory, logs.resolve("quickstart-first-start.log"));
        keyward.awaitReady(STARTUP_TIMEOUT, () -> Files.exists(bootstrapFile));
        bootstrap = Bootstrap.read(dataDirectory);
    }

    @AfterAll
    void stopAndRemoveTheDataDirectory() throws Exception {
        try {
            if (keyward != null) {
                keyward.close();
            }
        } finally {
            if (dataDirectory != null) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    @Test
    @Order(1)
    void bootstrapNamesTheServerItWasStartedOn() {
        assertThat(bootstrap.graphBaseUrl()).isEqualTo(keyward.baseUrl() + "/graph/v1.0");
        assertThat(bootstrap.tokenEndpoint()).startsWith(keyward.baseUrl() + "/" + bootstrap.tenantId() + "/");
        assertThat(bootstrap.clientId()).isNotBlank();
        assertThat(bootstrap.clientSecret()).isNotBlank();
    }

    @Test
    @Order(1)
    void bootstrapNamesTheHttpsAuthorityAndTheGeneratedCertificate() throws Exception {
        String https = "https://localhost:" + (port + 363);
        assertThat(bootstrap.authority()).isEqualTo(keyward.baseUrl() + "/" + bootstrap.tenantId());
        assertThat(bootstrap.authorityHttps()).isEqualTo(https + "/" + bootstrap.tenantId());
        assertThat(bootstrap.graphBaseUrlHttps()).isEqualTo(https + "/graph/v1.0");
        assertThat(bootstrap.tlsCertificate()).isEqualTo(dataDirectory.resolve("tls/keyward-tls.crt").toString());
        java.security.cert.X509Certificate certificate = KeywardTls.trusting(Path.of(bootstrap.tlsCertificate()), dataDirectory).certificate();
        assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
                .contains("localhost", "127.0.0.1");
        assertThat(Files.readString(dataDirectory.resolve("tls/keyward-tls.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    /** The README's first Graph call over https, the generated certificate trusted (curl --cacert data/tls/keyward-tls.crt). */
    @Test
    @Order(2)
    void theFirstGraphCallWorksOverHttpsWithTheGeneratedCertificateTrusted() throws Exception {
        GraphClient https = new GraphClient(KeywardTls.trusting(Path.of(bootstrap.tlsCertificate()), Files.createTempDirectory("keyward-trust-")).sslContext());
        GraphClient.Reply token = https.requestToken(bootstrap, bootstrap.authorityHttps() + "/oauth2/v2.0/token", "https://graph.microsoft.com/.default");
        assertThat(token.status()).as("token endpoint over https: %s", token.body()).isEqualTo(200);
        String accessToken = token.body().path("access_token").asText();

        GraphClient.Reply users = https.get(bootstrap.graphBaseUrlHttps() + "/users?$top=2&$select=id,userPrincipalName", Optional.of(accessToken));
        GraphClient.Reply discovery = https.get(bootstrap.authorityHttps() + "/v2.0/.well-known/openid-configuration", Optional.empty());

        assertThat(users.status()).as("%s", users.body()).isEqualTo(200);
        assertThat(users.body().path("@odata.nextLink").asText()).as("links of an https request are https")
                .startsWith(bootstrap.graphBaseUrlHttps() + "/users?");
        assertThat(users.body().path("@odata.context").asText()).startsWith(bootstrap.graphBaseUrlHttps() + "/$metadata#users");
        assertThat(discovery.body().path("issuer").asText()).isEqualTo(bootstrap.authorityHttps() + "/v2.0");
        assertThat(discovery.body().path("token_endpoint").asText()).isEqualTo(bootstrap.authorityHttps() + "/oauth2/v2.0/token");
        assertThat(graph.get(bootstrap.graphBaseUrl() + "/organization", Optional.of(accessToken)).status())
                .as("a token obtained over https is good over http too").isEqualTo(200);
        assertThat(https.get(bootstrap.graphBaseUrlHttps() + "/organization", Optional.of(graph.accessToken(bootstrap))).status())
                .as("and the other way round").isEqualTo(200);
    }

    @Test
    @Order(2)
    void theFirstStartExplainsHowToRegisterAFirstWebApp() {
        assertThat(keyward.log()).contains("register a first web app").contains(bootstrap.graphBaseUrl() + "/applications")
                .contains("addPassword").contains(bootstrap.authority() + "/v2.0/.well-known/openid-configuration")
                .contains("HTTPS: authority " + bootstrap.authorityHttps());
    }

    @Test
    @Order(2)
    void bootstrapClientGetsABearerTokenWithClientCredentials() throws Exception {
        GraphClient.Reply reply = graph.requestToken(bootstrap);

        assertThat(reply.status()).as("token endpoint answer %s", reply.body()).isEqualTo(200);
        assertThat(reply.body().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(reply.body().path("access_token").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    void demoUsersAreListedByTheGraphApi() throws Exception {
        List<JsonNode> users = graph.listAll(bootstrap.graphBaseUrl() + "/users", graph.accessToken(bootstrap));

        assertThat(users).extracting(user -> user.path("userPrincipalName").asText()).contains(ALICE);
    }

    @Test
    @Order(4)
    void organizationIsTheBootstrapTenant() throws Exception {
        assertThat(organizationId(bootstrap)).isEqualTo(bootstrap.tenantId());
    }

    @Test
    @Order(5)
    void graphCallWithoutATokenIsRefusedAsUnauthenticated() throws Exception {
        GraphClient.Reply reply = graph.get(bootstrap.graphBaseUrl() + "/users", Optional.empty());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("error").path("code").asText()).as("body %s", reply.body())
                .isEqualTo("unauthenticated");
    }

    @Test
    @Order(6)
    void adminCenterAnswersUnderAdminAndSendsASignedOutAdminToKeywardsSignIn() throws Exception {
        assertAdminCenterSendsToKeywardsSignIn();
    }

    /** The admin center is an OIDC client of this Keyward: a signed-out visit goes to the authorization endpoint with PKCE. */
    private void assertAdminCenterSendsToKeywardsSignIn() throws Exception {
        assertThat(graph.redirect(keyward.baseUrl() + "/admin/")).get().asString()
                .startsWith(keyward.baseUrl() + "/" + bootstrap.tenantId() + "/oauth2/v2.0/authorize?")
                .contains("code_challenge_method=S256").contains("client_id=");
    }

    @Test
    @Order(6)
    void theSecretsAreOnTheConsoleAndInBootstrapJsonButNeverInTheServerLog() throws Exception {
        String serverLog = Files.readString(dataDirectory.resolve(".runtime/log/server.log"));

        assertThat(keyward.log()).as("the console of start-dev").contains(bootstrap.adminTemporaryAccessPass())
                .contains(bootstrap.clientSecret());
        assertThat(serverLog).contains(dataDirectory.resolve(Bootstrap.FILE_NAME).toString())
                .doesNotContain(bootstrap.adminTemporaryAccessPass()).doesNotContain(bootstrap.clientSecret());
    }

    @Test
    @Order(6)
    void theDataDirectoryAndEverySecretInItAreReadableOnlyByTheOwner() throws Exception {
        assertThat(permissions(dataDirectory)).isEqualTo("rwx------");
        for (String file : List.of(Bootstrap.FILE_NAME, "key-encryption-key", "db/keyward.mv.db", ".runtime/log/server.log",
                "tls/keyward-tls.p12", "tls/keyward-tls.key", "tls/keystore-password", "tls/keyward-tls.crt")) {
            assertThat(permissions(dataDirectory.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    @Order(6)
    void theDevDatabaseHoldsTheSigningKeyOnlySealed() throws Exception {
        String database = new String(Files.readAllBytes(dataDirectory.resolve("db/keyward.mv.db")), StandardCharsets.ISO_8859_1);

        assertThat(database).as("the file is readable as text: the admin's name is in it").contains(bootstrap.adminUserPrincipalName());
        assertThat(database).as("no clear RSA JWK").doesNotContain("\"kty\":\"RSA\"");
    }

    /** Runs last: it replaces the server the other tests use. */
    @Test
    @Order(7)
    void restartOnTheSameDataDirectoryKeepsTheTenantAndSeedsNothing() throws Exception {
        Path bootstrapFile = dataDirectory.resolve(Bootstrap.FILE_NAME);
        byte[] bootstrapBefore = Files.readAllBytes(bootstrapFile);
        byte[] certificateBefore = Files.readAllBytes(Path.of(bootstrap.tlsCertificate()));
        FileTime writtenBefore = Files.getLastModifiedTime(bootstrapFile);
        String tokenBefore = graph.accessToken(bootstrap);
        int usersBefore = graph.listAll(bootstrap.graphBaseUrl() + "/users", tokenBefore).size();

        keyward.close();
        keyward = KeywardProcess.startDev(root, port, dataDirectory, logs.resolve("quickstart-restart.log"));
        keyward.awaitReady(STARTUP_TIMEOUT, () -> true);

        assertThat(organizationId(bootstrap)).as("old client credentials, same tenant").isEqualTo(bootstrap.tenantId());
        assertThat(graph.get(bootstrap.graphBaseUrl() + "/organization", Optional.of(tokenBefore)).status())
                .as("a token issued before the restart: the signing key persisted").isEqualTo(200);
        assertThat(graph.listAll(bootstrap.graphBaseUrl() + "/users", graph.accessToken(bootstrap)))
                .as("users after restart").hasSize(usersBefore);
        assertThat(Files.readAllBytes(bootstrapFile)).as("bootstrap.json after restart").isEqualTo(bootstrapBefore);
        assertThat(Files.getLastModifiedTime(bootstrapFile)).isEqualTo(writtenBefore);
        assertThat(keyward.log()).contains("tenant already exists, nothing seeded");
        assertThat(Files.readAllBytes(Path.of(bootstrap.tlsCertificate()))).as("the same certificate: clients keep trusting it")
                .isEqualTo(certificateBefore);
        assertAdminCenterSendsToKeywardsSignIn();
    }

    private String organizationId(Bootstrap credentials) throws Exception {
        GraphClient.Reply reply = graph.get(credentials.graphBaseUrl() + "/organization",
                Optional.of(graph.accessToken(credentials)));
        assertThat(reply.status()).as("GET /organization: %s", reply.body()).isEqualTo(200);
        return reply.body().path("value").path(0).path("id").asText();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
