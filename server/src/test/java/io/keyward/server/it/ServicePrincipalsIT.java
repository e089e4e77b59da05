package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Granting an app its permissions over Graph alone, as a script does in Entra: find the Graph API's service principal
 * by appId, its app role or scope by value, then {@code appRoleAssignments} (application permissions) or
 * {@code oauth2PermissionGrants} (delegated permissions, for all users).
 */
class ServicePrincipalsIT extends GraphIT {

    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    static final URI REDIRECT = URI.create("https://granted.it.example/callback");

    JsonNode graphSp;
    String appObjectId;
    String appId;
    String secret;
    String spId;

    @BeforeEach
    void registerAnApp() {
        graphSp = graph.get("servicePrincipals?$filter=" + Graph.enc("appId eq '" + GRAPH_APP_ID + "'"), admin).json().get("value").get(0);
        JsonNode app = graph.post("applications", admin, "{\"displayName\":\"Granted over Graph\",\"web\":{\"redirectUris\":[\"" + REDIRECT + "\"]}}").json();
        appObjectId = app.get("id").asText();
        appId = app.get("appId").asText();
        secret = graph.post("applications/" + appObjectId + "/addPassword", admin, "{}").json().get("secretText").asText();
        Graph.Reply sp = graph.post("servicePrincipals", admin, "{\"appId\":\"" + appId + "\"}");
        assertThat(sp.status()).isEqualTo(201);
        spId = sp.json().get("id").asText();
    }

    @Test
    void anAppRoleAssignmentGivesTheAppThatApplicationPermission() {
        String before = appToken();
        assertThat(graph.get("users", before).status()).isEqualTo(403);

        Graph.Reply assigned = graph.post("servicePrincipals/" + spId + "/appRoleAssignments", admin, assignment(appRole("User.Read.All")));

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        assertThat(graph.get("users", appToken()).status()).isEqualTo(200);
        assertThat(graph.get("servicePrincipals/" + spId + "/appRoleAssignments", admin).json().get("value").get(0).get("appRoleId").asText())
                .isEqualTo(appRole("User.Read.All"));
        assertThat(graph.delete("servicePrincipals/" + spId + "/appRoleAssignments/" + assigned.json().get("id").asText(), admin).status())
                .isEqualTo(204);
        assertThat(graph.get("users", appToken()).status()).isEqualTo(403);
    }

    @Test
    void aGrantNeverGivesMoreThanTheGranterHolds() {
        String granter = graph.tokenWith("AppRoleAssignment.ReadWrite.All");

        Graph.Reply refused = graph.post("servicePrincipals/" + spId + "/appRoleAssignments", granter, assignment(appRole("User.ReadWrite.All")));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("Authorization_RequestDenied");
        assertThat(refused.json().path("error").path("message").asText()).contains("User.ReadWrite.All");
    }

    @Test
    void aDelegatedPermissionGrantReachesUsersTokens() {
        Graph.Reply granted = graph.post("oauth2PermissionGrants", admin, "{\"clientId\":\"" + spId + "\",\"consentType\":\"AllPrincipals\","
                + "\"resourceId\":\"" + graphSp.get("id").asText() + "\",\"scope\":\"UserAuthMethod-Passkey.ReadWrite\"}");
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        String userId = graph.post("users", admin, userJson(upn("granted"), "Granted User")).json().get("id").asText();

        String token = ApplicationsIT.TemporaryAccessPassSignIn.accessToken(graph, admin, userId, new TestDirectory.Client(appId, secret),
                REDIRECT, "openid UserAuthMethod-Passkey.ReadWrite");

        assertThat(graph.get("me/authentication/fido2Methods", token).status()).isEqualTo(200);
        assertThat(graph.get("oauth2PermissionGrants?$filter=" + Graph.enc("clientId eq '" + spId + "'"), admin).json().get("value").get(0)
                .get("scope").asText()).isEqualTo("UserAuthMethod-Passkey.ReadWrite");
    }

    @Test
    void perUserConsentIsRefused() {
        Graph.Reply refused = graph.post("oauth2PermissionGrants", admin, "{\"clientId\":\"" + spId + "\",\"consentType\":\"Principal\","
                + "\"principalId\":\"" + java.util.UUID.randomUUID() + "\",\"resourceId\":\"" + graphSp.get("id").asText() + "\",\"scope\":\"User.Read\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalidRequest");
    }

    private String appToken() {
        return graph.token(new TestDirectory.Client(appId, secret));
    }

    private String appRole(String value) {
        for (JsonNode role : graphSp.get("appRoles")) {
            if (role.get("value").asText().equals(value)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("The Graph API has no app role " + value);
    }

    private String assignment(String appRoleId) {
        return "{\"principalId\":\"" + spId + "\",\"resourceId\":\"" + graphSp.get("id").asText() + "\",\"appRoleId\":\"" + appRoleId + "\"}";
    }
}
