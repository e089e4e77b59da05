package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refused passkey registration reaches the directory audit log with its reason code, whatever the channel:
 * Graph creationOptions and POST, and Security info; the refused ceremony's own work is rolled back, its audit
 * entry stays.
 */
class RegistrationRefusalAuditIT extends GraphIT {

    @AfterEach
    void resetPolicy() {
        assertThat(graph.delete(FIDO2, admin).status()).isEqualTo(204);
    }

    @Test
    void aGuestRefusedAtCreationOptionsIsAudited() {
        String guest = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"g" + UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}").json().get("invitedUser").get("id").asText();

        Graph.Reply refused = graph.get("users/" + guest + "/authentication/fido2Methods/creationOptions", admin);

        assertThat(refused.errorCode()).isEqualTo("guestUserNotSupported");
        JsonNode entry = latestFailureFor(guest);
        assertThat(entry.get("resultReason").asText()).startsWith("guestUserNotSupported: ");
        assertThat(entry.get("initiatedBy").toString()).as("the provisioning app is the actor").contains("\"app\"");
    }

    @Test
    void aForgedAttestationRefusedAtProvisioningIsAuditedWithItsAaguid() {
        String user = graph.post("users", admin, userJson(upn("forged"), "Forged")).json().get("id").asText();
        JsonNode options = graph.get("users/" + user + "/authentication/fido2Methods/creationOptions", admin).json();
        String forged = ForgedAttestations.resignedBy(Provisioning.body(Provisioning.create(new PackedAuthenticator(),
                PasskeyProvisioningIT.ORIGIN, options), null), ForgedAttestations.newKey());

        Graph.Reply refused = graph.post("users/" + user + "/authentication/fido2Methods", admin, forged);

        assertThat(refused.errorCode()).isEqualTo("invalidAttestationStatement");
        JsonNode entry = latestFailureFor(user);
        assertThat(entry.get("resultReason").asText()).startsWith("invalidAttestationStatement: ");
        assertThat(entry.toString()).contains("00000000-0000-0000-0000-000000000000");
        assertThat(graph.get("users/" + user + "/authentication/fido2Methods", admin).json().get("value")).isEmpty();
    }

    @Test
    void aSelfServiceRefusalInSecurityInfoIsAudited() {
        String userUpn = upn("selfie");
        String user = graph.post("users", admin, userJson(userUpn, "Selfie")).json().get("id").asText();
        String pass = graph.post("users/" + user + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}")
                .json().get("temporaryAccessPass").asText();
        Browser browser = new Browser(graph.root());
        assertThat(browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn + "\",\"temporaryAccessPass\":\""
                + pass + "\"}").status()).isEqualTo(200);
        assertThat(graph.patch(FIDO2, admin, "{\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\","
                + "\"isSelfServiceRegistrationAllowed\":false}").status()).isEqualTo(204);

        Graph.Reply refused = browser.post("myaccount/passkeys/options", "{}");

        assertThat(refused.errorCode()).isEqualTo("selfServiceRegistrationDisabled");
        JsonNode entry = latestFailureFor(user);
        assertThat(entry.get("resultReason").asText()).startsWith("selfServiceRegistrationDisabled: ");
        assertThat(entry.get("initiatedBy").toString()).as("the user is the actor").contains(user);
    }

    @Test
    void theKioskOperatorAnAppReportsIsNamedInTheAuditNextToTheApp() {
        String user = graph.post("users", admin, userJson(upn("kiosk"), "Kiosk")).json().get("id").asText();
        String guest = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"k" + UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}").json().get("invitedUser").get("id").asText();
        JsonNode options = graph.call("GET", graph.root().resolve("graph/v1.0/users/" + user + "/authentication/fido2Methods/creationOptions").toString(),
                admin, null, "X-Keyward-Operator", "Olga\tOperator").json();
        var credential = Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN, options);

        Graph.Reply created = graph.call("POST", graph.root().resolve("graph/v1.0/users/" + user + "/authentication/fido2Methods").toString(),
                admin, Provisioning.body(credential, "Kiosk key"), "X-Keyward-Operator", "Olga Operator");
        Graph.Reply refused = graph.call("GET", graph.root().resolve("graph/v1.0/users/" + guest + "/authentication/fido2Methods/creationOptions").toString(),
                admin, null, "X-Keyward-Operator", "Olga Operator");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(refused.errorCode()).isEqualTo("guestUserNotSupported");
        JsonNode registered = graph.get("auditLogs/directoryAudits?$top=20&$filter=activityDisplayName%20eq%20%27User%20registered%20security%20info%27",
                admin).json().get("value");
        String appName = java.util.stream.StreamSupport.stream(registered.spliterator(), false)
                .filter(e -> e.get("targetResources").toString().contains(user) && "success".equals(e.path("result").asText()))
                .findFirst().orElseThrow().path("initiatedBy").path("app").path("displayName").asText();
        assertThat(appName).endsWith("(operator: Olga Operator)");
        assertThat(latestFailureFor(guest).path("initiatedBy").path("app").path("displayName").asText()).endsWith("(operator: Olga Operator)");
    }

    private JsonNode latestFailureFor(String userId) {
        JsonNode value = graph.get("auditLogs/directoryAudits?$top=50&$filter=result%20eq%20%27failure%27", admin).json().get("value");
        for (JsonNode entry : value) {
            if (entry.get("targetResources").toString().contains(userId)) {
                return entry;
            }
        }
        throw new AssertionError("no failure audit entry for " + userId + " in " + value);
    }
}
