package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;

import static io.keyward.server.it.Graph.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** The token endpoint, discovery and JWKS: RFC 6749 errors, client authentication, token contents, key rotation. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenEndpointIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KeywardServer.war();
    }

    @ArquillianResource
    URL base;

    Graph graph;
    TestDirectory.Client client;
    String tenant;

    @BeforeEach
    void connect() {
        graph = new Graph(URI.create(base.toString()));
        client = TestDirectory.client("token it", Set.of("User.Read.All"));
        tenant = TestDirectory.tenantId();
    }

    @Test
    void clientCredentialsTokenCarriesTheAppPermissionsAsRoles() throws Exception {
        Graph.Reply reply = graph.tokenRequest(tenant, form(client.secret(), "https://graph.keyward.local/.default"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        JsonNode body = reply.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(3500L, 3600L);
        var claims = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("User.Read.All");
        assertThat(claims.getStringClaim("tid")).isEqualTo(tenant);
        assertThat(claims.getStringClaim("appid")).isEqualTo(client.clientId());
        assertThat(claims.getAudience()).containsExactly("https://graph.keyward.local");
        assertThat(claims.getIssuer()).endsWith("/" + tenant + "/v2.0");
    }

    @Test
    void httpBasicClientAuthenticationWorks() {
        String basic = Base64.getEncoder().encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        Graph.Reply reply = Graph.send(HttpRequest.newBuilder(graph.root().resolve(tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + enc("https://graph.microsoft.com/.default"))));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void wrongSecretIsInvalidClient() {
        Graph.Reply reply = graph.tokenRequest(tenant, form("wrong-secret", "https://graph.microsoft.com/.default"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void unknownClientIsInvalidClient() {
        Graph.Reply reply = graph.tokenRequest(tenant, "grant_type=client_credentials&client_id=" + java.util.UUID.randomUUID()
                + "&client_secret=x&scope=" + enc("https://graph.microsoft.com/.default"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void otherScopesAreInvalidScope() {
        Graph.Reply reply = graph.tokenRequest(tenant, form(client.secret(), "https://management.azure.com/.default"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    /** msal4j adds these three to every request, client credentials included; the cloud ignores them there. */
    @Test
    void theOpenIdScopesMsalAddsBesideDefaultAreIgnored() throws Exception {
        Graph.Reply reply = graph.tokenRequest(tenant, form(client.secret(), "https://graph.microsoft.com/.default openid profile offline_access"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().has("refresh_token")).as("no refresh token for an app").isFalse();
        assertThat(reply.json().has("id_token")).isFalse();
        assertThat(SignedJWT.parse(reply.json().get("access_token").asText()).getJWTClaimsSet().getAudience())
                .containsExactly("https://graph.keyward.local");
    }

    /** What a Graph SDK given no scopes asks for: {scheme}://{host}/.default of its base URL, with or without the port. */
    @Test
    void keywardsOwnOriginNamesTheGraphResource() throws Exception {
        for (String resource : new String[]{"http://" + base.getHost(), "http://" + base.getHost() + ":" + base.getPort(),
                "https://" + base.getHost()}) {
            Graph.Reply reply = graph.tokenRequest(tenant, form(client.secret(), resource + "/.default openid profile offline_access"));

            assertThat(reply.status()).as(resource + ": " + reply).isEqualTo(200);
            assertThat(SignedJWT.parse(reply.json().get("access_token").asText()).getJWTClaimsSet().getAudience())
                    .containsExactly("https://graph.keyward.local");
        }
    }

    @Test
    void openIdScopesAloneAnotherResourceOrAnotherPortAreInvalidScope() {
        for (String scope : new String[]{"openid profile offline_access", "https://management.azure.com/.default openid profile offline_access",
                "http://" + base.getHost() + ":" + (base.getPort() + 1) + "/.default", "https://keyward.evil.example/.default openid"}) {
            Graph.Reply reply = graph.tokenRequest(tenant, form(client.secret(), scope));

            assertThat(reply.status()).as(scope).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).as(scope).isEqualTo("invalid_scope");
            assertThat(reply.json().has("access_token")).isFalse();
        }
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        Graph.Reply reply = graph.tokenRequest(tenant, "grant_type=password&username=a&password=b");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void unknownTenantIsRefused() {
        Graph.Reply reply = graph.tokenRequest("00000000-0000-0000-0000-000000000000", form(client.secret(), "https://graph.microsoft.com/.default"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_description").asText()).contains("not found");
    }

    @Test
    void discoveryPublishesTheIssuerTokenEndpointAndKeysThatVerifyTokens() throws Exception {
        JsonNode discovery = Graph.send(HttpRequest.newBuilder(graph.root().resolve(tenant + "/v2.0/.well-known/openid-configuration")).GET()).json();
        String token = graph.token(client);
        var jwt = SignedJWT.parse(token);

        assertThat(discovery.get("issuer").asText()).isEqualTo(jwt.getJWTClaimsSet().getIssuer());
        assertThat(discovery.get("token_endpoint").asText()).endsWith("/" + tenant + "/oauth2/v2.0/token");
        Graph.Reply keys = Graph.send(HttpRequest.newBuilder(URI.create(discovery.get("jwks_uri").asText())).GET());
        var jwks = com.nimbusds.jose.jwk.JWKSet.parse(keys.body());
        var key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(com.nimbusds.jose.JWSAlgorithm.ES256);
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key))).isTrue();
    }

    @Test
    void anAgedSigningKeyIsRotatedAndItsTokensStayValid() throws Exception {
        String before = graph.token(client);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        try (Connection db = TestDirectory.connect();
             PreparedStatement age = db.prepareStatement("update signing_key set created_at = ? where kid = ?")) {
            age.setTimestamp(1, Timestamp.from(Instant.now().minus(400, ChronoUnit.DAYS)));
            age.setString(2, oldKid);
            age.executeUpdate();
        }

        // A node signs with its copy of the active key for keyward.token.signing-key-cache-seconds (1 s in the ITs).
        String after = graph.token(client);
        for (long deadline = System.nanoTime() + 10_000_000_000L;
             SignedJWT.parse(after).getHeader().getKeyID().equals(oldKid) && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            after = graph.token(client);
        }

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isNotEqualTo(oldKid);
        assertThat(graph.get("users?$top=1", before).status()).isEqualTo(200);
        assertThat(graph.get("users?$top=1", after).status()).isEqualTo(200);
    }

    @Test
    void anExpiredOrForeignTokenIsRefused() throws Exception {
        var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("foreign").generate();
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().audience("https://graph.keyward.local").claim("tid", tenant)
                .claim("roles", java.util.List.of("User.Read.All")).expirationTime(java.util.Date.from(Instant.now().plusSeconds(600))).build();
        var jwt = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID("foreign").build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));

        Graph.Reply reply = graph.get("users", jwt.serialize());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("error").path("message").asText()).contains("not signed by a key of this Keyward server");
    }

    @Test
    void aMegabyteClientIdIsRefusedWithoutBeingEchoed() {
        String huge = "A".repeat(1_000_000);

        Graph.Reply reply = graph.tokenRequest(tenant, "grant_type=client_credentials&client_secret=x&scope=s&client_id=" + huge);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(reply.body().length()).isLessThan(1000);
    }

    @Test
    void anOverlongParameterIsRefusedNamingItAndNeverQuotedInFull() {
        String longId = "B".repeat(5000);

        Graph.Reply tooLong = graph.tokenRequest(tenant, "grant_type=client_credentials&client_secret=x&scope=s&client_id=" + longId);
        Graph.Reply unknown = graph.tokenRequest(tenant, form(client.secret(), "https://graph.keyward.local/.default")
                .replace("client_id=" + client.clientId(), "client_id=" + "C".repeat(900)));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("error_description").asText()).contains("'client_id' is longer than").doesNotContain("BBBB");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().length()).isLessThan(600);
    }

    private String form(String secret, String scope) {
        return "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret=" + enc(secret) + "&scope=" + enc(scope);
    }
}
