package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Set;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph {@code /applications}: an administrator registers a web app with its redirect URIs and a secret over Graph
 * alone, and a person signs into it; public clients, redirect URI rules, secret removal, and secrets that would give
 * more than their creator holds.
 */
class ApplicationsIT extends GraphIT {

    static final String REDIRECT = "https://registered.it.example/callback";

    @Test
    void anAppRegisteredOverGraphSignsPeopleIn() {
        JsonNode app = create("{\"displayName\":\"Registered over Graph\",\"web\":{\"redirectUris\":[\"" + REDIRECT
                + "\"],\"logoutUrl\":\"https://registered.it.example/bye\"}}");
        assertThat(app.get("isFallbackPublicClient").asBoolean()).isFalse();
        assertThat(app.get("web").get("redirectUris").get(0).asText()).isEqualTo(REDIRECT);
        Graph.Reply password = graph.post("applications/" + app.get("id").asText() + "/addPassword", admin,
                "{\"passwordCredential\":{\"displayName\":\"it\"}}");
        assertThat(password.status()).as(password.toString()).isEqualTo(200);
        String secret = password.json().get("secretText").asText();
        String userId = graph.post("users", admin, userJson(upn("appuser"), "App User")).json().get("id").asText();

        String token = TemporaryAccessPassSignIn.accessToken(graph, admin, userId, new TestDirectory.Client(app.get("appId").asText(), secret),
                URI.create(REDIRECT), "openid");

        assertThat(token).isNotBlank();
        JsonNode read = graph.get("applications/" + app.get("id").asText(), admin).json();
        assertThat(read.get("passwordCredentials").get(0).get("hint").asText()).isEqualTo(secret.substring(0, 3));
        assertThat(read.get("passwordCredentials").get(0).get("secretText").isNull()).isTrue();
    }

    @Test
    void spaRedirectUrisMakeAPublicClientWithoutSecrets() {
        JsonNode app = create("{\"displayName\":\"A SPA\",\"spa\":{\"redirectUris\":[\"https://spa.it.example/\"]}}");

        Graph.Reply password = graph.post("applications/" + app.get("id").asText() + "/addPassword", admin, "{}");

        assertThat(app.get("isFallbackPublicClient").asBoolean()).isTrue();
        assertThat(app.get("publicClient").get("redirectUris").get(0).asText()).isEqualTo("https://spa.it.example/");
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.errorCode()).isEqualTo("invalidRequest");
    }

    @Test
    void redirectUrisThatCouldLeakCodesAreRefused() {
        for (String uri : new String[]{"http://app.example/cb", "https://*.example.com/cb", "https://app.example/cb#x", "javascript:alert(1)",
                "app/relative"}) {
            Graph.Reply reply = graph.post("applications", admin, "{\"displayName\":\"Bad\",\"web\":{\"redirectUris\":[\"" + uri + "\"]}}");

            assertThat(reply.status()).as(uri).isEqualTo(400);
            assertThat(reply.errorCode()).as(uri).isEqualTo("invalidRequest");
        }
        assertThat(graph.post("applications", admin, "{\"displayName\":\"Loopback\",\"publicClient\":{\"redirectUris\":[\"http://localhost:8400/\"]}}")
                .status()).isEqualTo(201);
    }

    @Test
    void webAndPublicRedirectUrisCannotBeMixed() {
        Graph.Reply reply = graph.post("applications", admin, "{\"displayName\":\"Mixed\",\"web\":{\"redirectUris\":[\"" + REDIRECT
                + "\"]},\"spa\":{\"redirectUris\":[\"https://spa.it.example/\"]}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asText()).contains("public client");
    }

    @Test
    void aRemovedSecretNoLongerAuthenticates() {
        String id = create("{\"displayName\":\"Secret removal\"}").get("id").asText();
        JsonNode password = graph.post("applications/" + id + "/addPassword", admin, "{}").json();
        String appId = graph.get("applications/" + id, admin).json().get("appId").asText();
        String form = "grant_type=client_credentials&client_id=" + appId + "&client_secret=" + Graph.enc(password.get("secretText").asText())
                + "&scope=" + Graph.enc("https://graph.microsoft.com/.default");
        assertThat(graph.tokenRequest(TestDirectory.tenantId(), form).status()).isEqualTo(200);

        Graph.Reply removed = graph.post("applications/" + id + "/removePassword", admin, "{\"keyId\":\"" + password.get("keyId").asText() + "\"}");

        assertThat(removed.status()).isEqualTo(204);
        Graph.Reply refused = graph.tokenRequest(TestDirectory.tenantId(), form);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aSecretCannotGiveMoreThanItsCreatorHolds() {
        TestDirectory.Client powerful = TestDirectory.client("Powerful app", Set.of("User.ReadWrite.All"));
        String id = graph.get("applications", admin).json().get("value").findParents("appId").stream()
                .filter(a -> a.get("appId").asText().equals(powerful.clientId())).findFirst().orElseThrow().get("id").asText();
        String appManager = graph.tokenWith("Application.ReadWrite.All");

        Graph.Reply reply = graph.post("applications/" + id + "/addPassword", appManager, "{}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("Authorization_RequestDenied");
        assertThat(reply.json().path("error").path("message").asText()).contains("User.ReadWrite.All");
        assertThat(graph.post("applications/" + id + "/addPassword", admin, "{}").status()).isEqualTo(200);
    }

    @Test
    void aDeletedAppCannotSignAnyoneIn() {
        String id = create("{\"displayName\":\"Deleted\",\"web\":{\"redirectUris\":[\"" + REDIRECT + "\"]}}").get("id").asText();
        String appId = graph.get("applications/" + id, admin).json().get("appId").asText();

        assertThat(graph.delete("applications/" + id, admin).status()).isEqualTo(204);

        assertThat(graph.get("applications/" + id, admin).status()).isEqualTo(404);
        Graph.Reply authorize = new Browser(graph.root()).navigate(URI.create(TestDirectory.tenantId() + "/oauth2/v2.0/authorize?client_id="
                + appId + "&response_type=code&redirect_uri=" + Graph.enc(REDIRECT)));
        assertThat(authorize.status()).isEqualTo(400);
        assertThat(authorize.header("Location")).isNull();
    }

    private JsonNode create(String body) {
        Graph.Reply reply = graph.post("applications", admin, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    /** A person signs in with a Temporary Access Pass during an app's authorization code flow; the app redeems the code. */
    static final class TemporaryAccessPassSignIn {

        static String accessToken(Graph graph, String admin, String userId, TestDirectory.Client app, URI redirect, String scope) {
            OidcClient client = new OidcClient(graph.root(), TestDirectory.tenantId(), app, redirect);
            String upn = graph.get("users/" + userId, admin).json().get("userPrincipalName").asText();
            String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}")
                    .json().get("temporaryAccessPass").asText();
            Browser browser = new Browser(graph.root());
            OidcClient.Attempt attempt = client.attempt(scope);
            browser.navigate(attempt.request().toURI());
            Graph.Reply signedIn = browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + upn
                    + "\",\"temporaryAccessPass\":\"" + pass + "\"}");
            assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
            AuthenticationResponse response = OidcClient.response(browser.navigate(URI.create(signedIn.json().get("next").asText())));
            assertThat(response.indicatesSuccess()).isTrue();
            return OidcClient.success(client.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()))
                    .getOIDCTokens().getAccessToken().getValue();
        }
    }
}
