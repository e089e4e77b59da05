package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.webauthn4j.test.authenticator.webauthn.CustomAaguidAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication strengths and conditional access the way an administrator and a person meet them: strengths and
 * policies through Graph, then the real authorization code flow (Nimbus as the app, {@link Browser} with webauthn4j
 * emulators of two passkey models as the person), and the outcome in the sign-in log through Graph.
 */
class ConditionalAccessIT extends GraphIT {

    static final URI REDIRECT = URI.create("https://protected.it.example/callback");
    static final String STRENGTHS = "policies/authenticationStrengthPolicies";
    static final String POLICIES = "identity/conditionalAccess/policies";
    static final String PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";

    UUID approvedModel;
    CustomAaguidAuthenticator approvedKey;
    CustomAaguidAuthenticator otherKey;
    String userId;
    String userUpn;
    TestDirectory.Client app;
    OidcClient client;
    final List<String> created = new ArrayList<>();

    @BeforeEach
    void arrange() {
        approvedModel = UUID.randomUUID();
        approvedKey = new CustomAaguidAuthenticator(approvedModel);
        otherKey = new CustomAaguidAuthenticator(UUID.randomUUID());
        Graph.Reply model = graph.post("keyward/metadata/statements", admin, "{\"aaGuid\":\"" + approvedModel + "\",\"description\":"
                + "\"Approved Key 5 NFC\",\"trustedAttestationPublicKeys\":[\""
                + Base64.getEncoder().encodeToString(approvedKey.attestationPublicKey().getEncoded()) + "\"]}");
        assertThat(model.status()).as(model.toString()).isEqualTo(201);
        userUpn = upn("ca");
        userId = graph.post("users", admin, userJson(userUpn, "Cora Access")).json().get("id").asText();
        register(userId, approvedKey);
        register(userId, otherKey);
        app = TestDirectory.webApp("Payroll " + UUID.randomUUID().toString().substring(0, 6), true, Set.of(REDIRECT.toString()), Set.of(), Set.of());
        client = new OidcClient(graph.root(), TestDirectory.tenantId(), app, REDIRECT);
    }

    @AfterEach
    void removePolicies() {
        // Policies first: a strength in use cannot be deleted.
        created.stream().filter(p -> p.startsWith(POLICIES)).forEach(p -> graph.delete(p, admin));
        created.stream().filter(p -> !p.startsWith(POLICIES)).forEach(p -> graph.delete(p, admin));
        graph.delete("keyward/metadata/statements/" + approvedModel, admin);
    }

    // --- Authentication strengths over Graph -------------------------------------------------------------------

    @Test
    void theBuiltInStrengthsAreListedWithGraphsIdsAndAreReadOnly() {
        Graph.Reply builtIns = graph.get(STRENGTHS + "?$filter=" + Graph.enc("policyType eq 'builtIn'"), admin);
        Graph.Reply alias = graph.get("identity/conditionalAccess/authenticationStrength/policies/" + PHISHING_RESISTANT, admin);
        Graph.Reply patch = graph.patch(STRENGTHS + "/" + PHISHING_RESISTANT, admin, "{\"displayName\":\"Mine now\"}");
        Graph.Reply delete = graph.delete(STRENGTHS + "/00000000-0000-0000-0000-000000000002", admin);

        assertThat(builtIns.status()).isEqualTo(200);
        assertThat(builtIns.json().get("value")).extracting(v -> v.get("id").asText()).containsExactly(
                "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000003", PHISHING_RESISTANT);
        JsonNode phishingResistant = builtIns.json().get("value").get(2);
        assertThat(phishingResistant.get("displayName").asText()).isEqualTo("Phishing resistant MFA");
        assertThat(phishingResistant.get("description").asText())
                .isEqualTo("Phishing resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key");
        assertThat(phishingResistant.get("allowedCombinations")).extracting(JsonNode::asText)
                .containsExactly("windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor");
        assertThat(phishingResistant.get("createdDateTime").asText()).isEqualTo("2021-12-01T00:00:00Z");
        assertThat(phishingResistant.get("requirementsSatisfied").asText()).isEqualTo("mfa");
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.json().get("displayName").asText()).isEqualTo("Phishing resistant MFA");
        assertRefused(patch, 400, "builtInAuthenticationStrengthReadOnly");
        assertRefused(delete, 400, "builtInAuthenticationStrengthReadOnly");
        assertRefused(graph.post(STRENGTHS + "/" + PHISHING_RESISTANT + "/combinationConfigurations", admin, fido2Combination(approvedModel)),
                400, "builtInAuthenticationStrengthReadOnly");
    }

    @Test
    void aCustomStrengthIsCreatedRestrictedToModelsUsedAndDeletedOnlyWhenUnused() {
        String strength = approvedModelsStrength();
        String policy = policy("\"enabled\"", usersAndApp(), strengthGrant(strength));

        Graph.Reply read = graph.get(STRENGTHS + "/" + strength, admin);
        Graph.Reply custom = graph.get(STRENGTHS + "?$filter=" + Graph.enc("policyType eq 'custom'"), admin);
        Graph.Reply usage = graph.get(STRENGTHS + "/" + strength + "/usage", admin);
        Graph.Reply inUse = graph.delete(STRENGTHS + "/" + strength, admin);
        Graph.Reply renamed = graph.patch(STRENGTHS + "/" + strength, admin, "{\"displayName\":\"Approved keys " + UUID.randomUUID() + "\"}");
        Graph.Reply policyRead = graph.get(policy, admin);

        assertThat(read.json().get("policyType").asText()).isEqualTo("custom");
        assertThat(read.json().get("combinationConfigurations").get(0).get("@odata.type").asText())
                .isEqualTo("#microsoft.graph.fido2CombinationConfiguration");
        assertThat(read.json().get("combinationConfigurations").get(0).get("allowedAAGUIDs").get(0).asText()).isEqualTo(approvedModel.toString());
        assertThat(custom.json().get("value")).extracting(v -> v.get("id").asText()).contains(strength)
                .doesNotContain(PHISHING_RESISTANT);
        assertThat(usage.json().get("mfa")).extracting(v -> v.get("id").asText()).containsExactly(policy.substring(POLICIES.length() + 1));
        assertRefused(inUse, 409, "authenticationStrengthInUse");
        assertThat(inUse.json().get("error").get("message").asText()).contains("Change or delete that policy first");
        assertThat(renamed.status()).isEqualTo(204);
        assertThat(policyRead.json().get("grantControls").get("authenticationStrength").get("id").asText()).isEqualTo(strength);
        assertThat(policyRead.json().get("grantControls").get("authenticationStrength").get("allowedCombinations").get(0).asText()).isEqualTo("fido2");
        assertThat(graph.delete(policy, admin).status()).isEqualTo(204);
        assertThat(graph.delete(STRENGTHS + "/" + strength, admin).status()).isEqualTo(204);
        assertThat(graph.get(STRENGTHS + "/" + strength, admin).status()).isEqualTo(404);
        JsonNode audits = graph.get("auditLogs/directoryAudits?$top=20", admin).json().get("value");
        assertThat(audits).extracting(a -> a.get("activityDisplayName").asText())
                .contains("Add authentication strength policy", "Add conditional access policy", "Delete conditional access policy",
                        "Delete authentication strength policy");
    }

    @Test
    void strengthRefusalsSayWhatIsWrong() {
        String strength = created(graph.post(STRENGTHS, admin, "{\"displayName\":\"Passkeys " + UUID.randomUUID()
                + "\",\"allowedCombinations\":[\"fido2\"]}"), STRENGTHS);
        String name = graph.get(STRENGTHS + "/" + strength, admin).json().get("displayName").asText();
        String passwordOnly = created(graph.post(STRENGTHS, admin, "{\"displayName\":\"Passwords " + UUID.randomUUID()
                + "\",\"allowedCombinations\":[\"password\"]}"), STRENGTHS);

        assertRefused(graph.post(STRENGTHS, admin, "{\"displayName\":\"X\",\"allowedCombinations\":[\"fido3\"]}"), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS, admin, "{\"displayName\":\"X\",\"allowedCombinations\":[]}"), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS, admin, "{\"allowedCombinations\":[\"fido2\"]}"), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS, admin, "{\"displayName\":\"" + name + "\",\"allowedCombinations\":[\"fido2\"]}"), 409, "nameAlreadyExists");
        assertRefused(graph.patch(STRENGTHS + "/" + strength, admin, "{\"allowedCombinations\":[\"password\"]}"), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS + "/" + passwordOnly + "/combinationConfigurations", admin, fido2Combination(approvedModel)),
                400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS + "/" + strength + "/combinationConfigurations", admin,
                "{\"@odata.type\":\"#microsoft.graph.x509CertificateCombinationConfiguration\",\"appliesToCombinations\":[\"fido2\"]}"), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS + "/" + strength + "/combinationConfigurations", admin,
                "{\"@odata.type\":\"#microsoft.graph.fido2CombinationConfiguration\",\"allowedAAGUIDs\":[\"not-a-guid\"]}"), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS + "/" + strength + "/combinationConfigurations", admin,
                "{\"@odata.type\":\"#microsoft.graph.fido2CombinationConfiguration\",\"allowedAAGUIDs\":[\"" + approvedModel
                        + "\"],\"appliesToCombinations\":[\"password\"]}"), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS + "/" + strength + "/combinationConfigurations", admin,
                "{\"@odata.type\":\"#microsoft.graph.fido2CombinationConfiguration\",\"allowedAAGUIDs\":[]}"), 400, "invalidRequest");
        assertThat(graph.post(STRENGTHS + "/" + strength + "/combinationConfigurations", admin, fido2Combination(approvedModel)).status()).isEqualTo(201);
        assertRefused(graph.post(STRENGTHS + "/" + strength + "/combinationConfigurations", admin, fido2Combination(approvedModel)), 400, "invalidRequest");
        assertRefused(graph.post(STRENGTHS + "/" + strength + "/updateAllowedCombinations", admin, "{\"allowedCombinations\":[\"password\"]}"),
                400, "invalidRequest");
        assertRefused(graph.get(STRENGTHS + "/" + UUID.randomUUID(), admin), 404, "Request_ResourceNotFound");
        assertRefused(graph.get(STRENGTHS + "?$filter=" + Graph.enc("requirementsSatisfied eq 'mfa'"), admin), 400, "invalidRequest");
    }

    // --- Conditional access policies over Graph ----------------------------------------------------------------

    @Test
    void policyRefusalsSayWhatIsWrong() {
        String mailGroup = graph.post("groups", admin, "{\"displayName\":\"Mail only " + UUID.randomUUID() + "\",\"securityEnabled\":false,"
                + "\"mailEnabled\":true,\"mailNickname\":\"m" + UUID.randomUUID().toString().substring(0, 8) + "\"}").json().get("id").asText();
        String users = "\"users\":{\"includeUsers\":[\"" + userId + "\"]}";
        String apps = "\"applications\":{\"includeApplications\":[\"" + app.clientId() + "\"]}";
        String grant = strengthGrant(PHISHING_RESISTANT);

        assertRefused(post("\"enabled\"", users + "," + apps, strengthGrant(UUID.randomUUID().toString())), 400, "invalidRequest");
        assertRefused(post("\"sometimes\"", users + "," + apps, grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", "\"users\":{\"includeGroups\":[\"" + mailGroup + "\"]}," + apps, grant), 400, "nonSecurityGroupTarget");
        assertRefused(post("\"enabled\"", "\"users\":{\"includeGroups\":[\"" + UUID.randomUUID() + "\"]}," + apps, grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", "\"users\":{\"includeUsers\":[\"" + UUID.randomUUID() + "\"]}," + apps, grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", "\"users\":{\"includeUsers\":[\"All\"],\"excludeUsers\":[\"All\"]}," + apps, grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", "\"users\":{\"includeRoles\":[\"" + UUID.randomUUID() + "\"]}," + apps, grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", "\"users\":{}," + apps, grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", users + ",\"applications\":{\"includeApplications\":[\"" + UUID.randomUUID() + "\"]}", grant),
                400, "invalidRequest");
        assertRefused(post("\"enabled\"", users + ",\"applications\":{\"includeApplications\":[]}", grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", users + "," + apps + ",\"locations\":{\"includeLocations\":[\"All\"]}", grant), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", users + "," + apps, "{\"operator\":\"OR\",\"builtInControls\":[\"mfa\"]}"), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", users + "," + apps, "{\"operator\":\"OR\",\"builtInControls\":[\"block\"],"
                + "\"authenticationStrength\":{\"id\":\"" + PHISHING_RESISTANT + "\"}}"), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", users + "," + apps, "{\"operator\":\"XOR\",\"builtInControls\":[\"block\"]}"), 400, "invalidRequest");
        assertRefused(post("\"enabled\"", users + "," + apps, "{\"operator\":\"OR\",\"builtInControls\":[]}"), 400, "invalidRequest");
        assertRefused(graph.post(POLICIES, admin, "{\"state\":\"enabled\",\"conditions\":{" + users + "," + apps + "},\"grantControls\":" + grant + "}"),
                400, "invalidRequest");
        assertRefused(graph.get(POLICIES + "/" + UUID.randomUUID(), admin), 404, "Request_ResourceNotFound");
    }

    @Test
    void aPolicyIsReadWithItsStrengthInlineChangedAndAudited() {
        String policy = policy("\"disabled\"", usersAndApp(), strengthGrant(PHISHING_RESISTANT));

        Graph.Reply changed = graph.patch(policy, admin, "{\"state\":\"enabledForReportingButNotEnforced\"}");
        JsonNode read = graph.get(policy, admin).json();
        Graph.Reply filtered = graph.get(POLICIES + "?$filter=" + Graph.enc("displayName eq '" + read.get("displayName").asText() + "'"), admin);

        assertThat(changed.status()).isEqualTo(204);
        assertThat(read.get("state").asText()).isEqualTo("enabledForReportingButNotEnforced");
        assertThat(read.get("conditions").get("users").get("includeUsers").get(0).asText()).isEqualTo(userId);
        assertThat(read.get("conditions").get("applications").get("includeApplications").get(0).asText()).isEqualTo(app.clientId());
        assertThat(read.get("grantControls").get("authenticationStrength").get("displayName").asText()).isEqualTo("Phishing resistant MFA");
        assertThat(filtered.json().get("value")).hasSize(1);
        JsonNode audit = graph.get("auditLogs/directoryAudits?$top=5", admin).json().get("value").get(0);
        assertThat(audit.get("activityDisplayName").asText()).isEqualTo("Update conditional access policy");
    }

    // --- Evaluation at the authorize step ----------------------------------------------------------------------

    @Test
    void aPasskeyOfAnApprovedModelGetsACodeAndTheSignInLogSaysSo() {
        String strength = approvedModelsStrength();
        String policy = policy("\"enabled\"", usersAndApp(), strengthGrant(strength));
        Browser browser = new Browser(graph.root());
        OidcClient.Attempt attempt = client.attempt("openid");
        browser.navigate(attempt.request().toURI());

        Graph.Reply signedIn = browser.signIn(approvedKey, null);
        AuthenticationResponse response = OidcClient.response(browser.navigate(URI.create(signedIn.json().get("next").asText())));
        OIDCTokenResponse tokens = OidcClient.success(client.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()));

        assertThat(tokens.getOIDCTokens().getIDToken()).isNotNull();
        JsonNode entry = latestSignIn();
        assertThat(entry.get("conditionalAccessStatus").asText()).isEqualTo("success");
        JsonNode applied = appliedPolicy(entry, policy);
        assertThat(applied.get("result").asText()).isEqualTo("success");
        assertThat(applied.get("authenticationStrength").get("authenticationStrengthId").asText()).isEqualTo(strength);
        assertThat(applied.get("authenticationStrength").get("authenticationStrengthResult").asText()).isEqualTo("satisfied");
    }

    @Test
    void anotherModelIsRefusedWithTheApprovedModelsNamedAndTheRightPasskeyThenGetsIn() {
        String strength = approvedModelsStrength();
        String policy = policy("\"enabled\"", usersAndApp(), strengthGrant(strength));
        Browser browser = new Browser(graph.root());
        OidcClient.Attempt attempt = client.attempt("openid");
        browser.navigate(attempt.request().toURI());

        Graph.Reply refused = browser.signIn(otherKey, null);
        JsonNode refusedEntry = latestSignIn();
        Graph.Reply retried = browser.signIn(approvedKey, null);
        AuthenticationResponse response = OidcClient.response(browser.navigate(URI.create(retried.json().get("next").asText())));

        assertRefused(refused, 403, "authenticationStrengthNotMet");
        assertThat(refused.json().get("error").get("message").asText()).contains("Approved Key 5 NFC").contains("Payroll");
        assertThat(refused.json().get("error").get("qualifyingModels")).extracting(JsonNode::asText).containsExactly("Approved Key 5 NFC");
        assertThat(refusedEntry.get("status").get("additionalDetails").asText()).isEqualTo("authenticationStrengthNotMet");
        assertThat(refusedEntry.get("conditionalAccessStatus").asText()).isEqualTo("failure");
        JsonNode applied = appliedPolicy(refusedEntry, policy);
        assertThat(applied.get("result").asText()).isEqualTo("failure");
        assertThat(applied.get("authenticationStrength").get("authenticationStrengthResult").asText())
                .isEqualTo("cannotSatisfyDueToCombinationConfiguration");
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(attempt.state());
    }

    @Test
    void aReportOnlyPolicyLetsThePersonInAndLogsWhatItWouldHaveDone() {
        String policy = policy("\"enabledForReportingButNotEnforced\"", usersAndApp(), strengthGrant(approvedModelsStrength()));
        String disabled = policy("\"disabled\"", usersAndApp(), "{\"operator\":\"OR\",\"builtInControls\":[\"block\"]}");
        Browser browser = new Browser(graph.root());
        OidcClient.Attempt attempt = client.attempt("openid");
        browser.navigate(attempt.request().toURI());

        Graph.Reply signedIn = browser.signIn(otherKey, null);
        AuthenticationResponse response = OidcClient.response(browser.navigate(URI.create(signedIn.json().get("next").asText())));

        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        assertThat(response.indicatesSuccess()).isTrue();
        JsonNode entry = latestSignIn();
        assertThat(entry.get("status").get("errorCode").asInt()).isZero();
        assertThat(entry.get("conditionalAccessStatus").asText()).isEqualTo("notApplied");
        assertThat(appliedPolicy(entry, policy).get("result").asText()).isEqualTo("reportOnlyFailure");
        assertThat(appliedPolicy(entry, policy).get("authenticationStrength").get("authenticationStrengthResult").asText())
                .isEqualTo("cannotSatisfyDueToCombinationConfiguration");
        assertThat(listedResult(entry, disabled)).isIn("notEnabled", "(not listed)");
    }

    @Test
    void aBlockingPolicyRefusesTheSignIn() {
        String policy = policy("\"enabled\"", usersAndApp(), "{\"operator\":\"OR\",\"builtInControls\":[\"block\"]}");
        Browser browser = new Browser(graph.root());
        browser.navigate(client.attempt("openid").request().toURI());

        Graph.Reply refused = browser.signIn(approvedKey, null);

        assertRefused(refused, 403, "blockedByConditionalAccess");
        assertThat(refused.json().get("error").get("message").asText()).startsWith("Your organization does not let you sign in to Payroll");
        JsonNode entry = latestSignIn();
        assertThat(entry.get("status").get("additionalDetails").asText()).isEqualTo("blockedByConditionalAccess");
        assertThat(appliedPolicy(entry, policy).get("result").asText()).isEqualTo("failure");
        assertThat(appliedPolicy(entry, policy).get("enforcedGrantControls").get(0).asText()).isEqualTo("Block");
    }

    @Test
    void aPolicyForGuestsBlocksAGuestAndLeavesMembersAlone() {
        String guestId = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"g" + UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}").json().get("invitedUser").get("id").asText();
        String guestUpn = graph.get("users/" + guestId, admin).json().get("userPrincipalName").asText();
        String pass = graph.post("users/" + guestId + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}")
                .json().get("temporaryAccessPass").asText();
        String policy = policy("\"enabled\"", "\"users\":{\"includeUsers\":[\"GuestsOrExternalUsers\"]},\"applications\":{\"includeApplications\":[\""
                + app.clientId() + "\"]}", "{\"operator\":\"OR\",\"builtInControls\":[\"block\"]}");
        Browser guest = new Browser(graph.root());
        guest.navigate(client.attempt("openid").request().toURI());
        Browser member = new Browser(graph.root());
        member.navigate(client.attempt("openid").request().toURI());

        Graph.Reply guestSignIn = guest.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + guestUpn
                + "\",\"temporaryAccessPass\":\"" + pass + "\"}");
        Graph.Reply memberSignIn = member.signIn(approvedKey, null);

        assertRefused(guestSignIn, 403, "blockedByConditionalAccess");
        assertThat(memberSignIn.status()).as(memberSignIn.toString()).isEqualTo(200);
        assertThat(listedResult(latestSignIn(), policy)).isIn("notApplied", "(not listed)");
    }

    @Test
    void aMemberOfANestedSecurityGroupIsTargetedAndAPasswordDoesNotMeetPhishingResistance() {
        String inner = graph.post("groups", admin, "{\"displayName\":\"Inner " + UUID.randomUUID() + "\",\"securityEnabled\":true,"
                + "\"members@odata.bind\":[\"https://graph.microsoft.com/v1.0/directoryObjects/" + userId + "\"]}").json().get("id").asText();
        String outer = graph.post("groups", admin, "{\"displayName\":\"Outer " + UUID.randomUUID() + "\",\"securityEnabled\":true,"
                + "\"members@odata.bind\":[\"https://graph.microsoft.com/v1.0/directoryObjects/" + inner + "\"]}").json().get("id").asText();
        graph.patch("users/" + userId, admin, "{\"passwordProfile\":{\"password\":\"correct horse battery staple\"}}");
        String policy = policy("\"enabled\"", "\"users\":{\"includeGroups\":[\"" + outer + "\"]},\"applications\":{\"includeApplications\":[\"All\"]}",
                strengthGrant(PHISHING_RESISTANT));
        Browser browser = new Browser(graph.root());
        browser.navigate(client.attempt("openid").request().toURI());

        Graph.Reply refused = browser.post("signin/password", "{\"userPrincipalName\":\"" + userUpn + "\",\"password\":\"correct horse battery staple\"}");

        assertRefused(refused, 403, "authenticationStrengthNotMet");
        assertThat(refused.json().get("error").get("message").asText()).contains("Sign in again with a passkey");
        JsonNode applied = appliedPolicy(latestSignIn(), policy);
        assertThat(applied.get("authenticationStrength").get("authenticationStrengthResult").asText()).isEqualTo("singleChallengeRequired");
    }

    @Test
    void aSignInOfAnotherModelIsNotReusedForAProtectedApp() {
        TestDirectory.Client open = TestDirectory.webApp("Open app", true, Set.of(REDIRECT.toString()), Set.of(), Set.of());
        OidcClient openClient = new OidcClient(graph.root(), TestDirectory.tenantId(), open, REDIRECT);
        String policy = policy("\"enabled\"", usersAndApp(), strengthGrant(approvedModelsStrength()));
        Browser browser = new Browser(graph.root());
        browser.navigate(openClient.attempt("openid").request().toURI());
        Graph.Reply signedIn = browser.signIn(otherKey, null);
        assertThat(OidcClient.response(browser.navigate(URI.create(signedIn.json().get("next").asText()))).indicatesSuccess()).isTrue();
        assertThat(browser.get("signin/requirement").status()).as("nothing is asked of a sign-in no app is waiting for").isEqualTo(204);

        Graph.Reply protectedApp = browser.navigate(client.attempt("openid").request().toURI());

        assertThat(protectedApp.status()).isEqualTo(303);
        assertThat(protectedApp.header("Location")).as("the page is told that the sign-in fell short").endsWith("/signin?requirement");
        // Before the person tries anything, the page can say what the app needs: a passkey of the approved model.
        Graph.Reply requirement = browser.get("signin/requirement");
        assertThat(requirement.status()).as(requirement.toString()).isEqualTo(200);
        assertThat(requirement.json().get("code").asText()).isEqualTo("authenticationStrengthNotMet");
        assertThat(requirement.json().get("message").asText()).contains("Sign in again with a passkey of one of these models")
                .contains("Approved Key 5 NFC");
        assertThat(new Browser(graph.root()).get("signin/requirement").status()).as("a browser without the sign-in").isEqualTo(204);
        JsonNode entry = latestSignIn();
        assertThat(entry.get("appId").asText()).isEqualTo(app.clientId());
        assertThat(entry.get("status").get("additionalDetails").asText()).isEqualTo("authenticationStrengthNotMet");
        assertThat(entry.get("authenticationDetails").get(0).get("authenticationMethodDetail").asText()).isEqualTo("Previously satisfied");
        assertThat(appliedPolicy(entry, policy).get("result").asText()).isEqualTo("failure");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private void register(String user, CustomAaguidAuthenticator key) {
        Graph.Reply reply = graph.post("users/" + user + "/authentication/fido2Methods", admin,
                Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, creationOptionsFor(user)), null));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    /** A custom strength allowing only passkeys of the approved model. */
    private String approvedModelsStrength() {
        String id = created(graph.post(STRENGTHS, admin, "{\"displayName\":\"Approved keys " + UUID.randomUUID()
                + "\",\"description\":\"Phishing-resistant keys we bought\",\"allowedCombinations\":[\"fido2\"]}"), STRENGTHS);
        Graph.Reply configuration = graph.post("identity/conditionalAccess/authenticationStrength/policies/" + id + "/combinationConfigurations",
                admin, fido2Combination(approvedModel));
        assertThat(configuration.status()).as(configuration.toString()).isEqualTo(201);
        assertThat(configuration.json().get("appliesToCombinations").get(0).asText()).isEqualTo("fido2");
        return id;
    }

    private static String fido2Combination(UUID aaguid) {
        return "{\"@odata.type\":\"#microsoft.graph.fido2CombinationConfiguration\",\"allowedAAGUIDs\":[\"" + aaguid
                + "\"],\"appliesToCombinations\":[\"fido2\"]}";
    }

    private String usersAndApp() {
        return "\"users\":{\"includeUsers\":[\"" + userId + "\"]},\"applications\":{\"includeApplications\":[\"" + app.clientId() + "\"]}";
    }

    private static String strengthGrant(String strengthId) {
        return "{\"operator\":\"OR\",\"authenticationStrength\":{\"id\":\"" + strengthId + "\"}}";
    }

    private Graph.Reply post(String state, String conditions, String grant) {
        return graph.post(POLICIES, admin, "{\"displayName\":\"Refused " + UUID.randomUUID() + "\",\"state\":" + state
                + ",\"conditions\":{\"clientAppTypes\":[\"all\"]," + conditions + "},\"grantControls\":" + grant + "}");
    }

    /** Creates a policy and returns its path. */
    private String policy(String state, String conditions, String grant) {
        return POLICIES + "/" + created(post(state, conditions, grant), POLICIES);
    }

    private String created(Graph.Reply reply, String collection) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        String id = reply.json().get("id").asText();
        created.add(collection + "/" + id);
        return id;
    }

    private JsonNode latestSignIn() {
        return graph.get("auditLogs/signIns?$top=1&$filter=" + Graph.enc("appId eq '" + app.clientId() + "'"), admin).json().get("value").get(0);
    }

    private static JsonNode appliedPolicy(JsonNode entry, String policyPath) {
        String id = policyPath.substring(policyPath.lastIndexOf('/') + 1);
        for (JsonNode applied : entry.get("appliedConditionalAccessPolicies")) {
            if (applied.get("id").asText().equals(id)) {
                return applied;
            }
        }
        throw new AssertionError("Policy " + id + " not in " + entry.get("appliedConditionalAccessPolicies"));
    }

    /**
     * The result of a policy that did not apply, if the entry lists it: policies that applied come first and a long
     * list (other tests' policies in the shared database) is cut in the part that did not apply.
     */
    private static String listedResult(JsonNode entry, String policyPath) {
        String id = policyPath.substring(policyPath.lastIndexOf('/') + 1);
        for (JsonNode applied : entry.get("appliedConditionalAccessPolicies")) {
            if (applied.get("id").asText().equals(id)) {
                return applied.get("result").asText();
            }
            assertThat(applied.get("result").asText()).as("applied policies are listed first").isIn("success", "failure",
                    "reportOnlySuccess", "reportOnlyFailure", "notApplied", "notEnabled", "reportOnlyNotApplied");
        }
        return "(not listed)";
    }

    private static void assertRefused(Graph.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(code);
    }
}
