package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional access as a person meets it, in Chromium, signing into the sample Jakarta EE app secured by
 * {@code elytron-oidc-client} ({@link SampleOidcApp}): an admin (Graph only) asks the app for a custom authentication
 * strength that allows passkeys of chosen models. The virtual security key's model
 * ({@link #VIRTUAL_KEY_MODEL}) gets in when allowed; when only another model is allowed the sign-in page refuses it
 * with {@code authenticationStrengthNotMet} and names the qualifying model, and the same authorization request
 * succeeds once the admin allows the key's model; report-only lets the person in and logs {@code reportOnlyFailure};
 * a policy that blocks guests keeps a guest out of the app with {@code blockedByConditionalAccess}.
 */
class ConditionalAccessBrowserIT extends BrowserScenario {

    /** Chromium's virtual CTAP2 authenticator reports this AAGUID in its packed attestation. */
    static final String VIRTUAL_KEY_MODEL = "01020304-0506-0708-0102-030405060708";
    /** Another model (a YubiKey 5 series AAGUID): never the virtual key's. */
    static final String OTHER_MODEL = "cb69481e-8ff7-4039-93ec-0a2729a154a8";

    private SampleOidcApp app;
    private final List<String> policies = new ArrayList<>();
    private final List<String> strengths = new ArrayList<>();

    @BeforeAll
    void deployTheSampleApp(KeywardServer server) throws Exception {
        app = SampleOidcApp.deploy(server, admin, "ca-sample");
    }

    @AfterEach
    void removeThePolicies() throws Exception {
        admin.deleteConditionalAccess(policies, strengths);
    }

    @AfterAll
    void undeployTheSampleApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPasskeyOfAnApprovedModelSignsIntoTheApp() throws Exception {
        Registered member = memberWithPasskey("ca-approved");
        String strength = strengthAllowing(VIRTUAL_KEY_MODEL).id();
        String policy = policyFor(member.user().id(), strength, "enabled");
        browser.endSession();

        app.open(browser.driver(), baseUrl).choosePasskey();

        app.assertSignedInAs(browser.driver(), "E2E ca-approved", member.user().userPrincipalName());
        JsonNode applied = appliedPolicy(member.user().id(), policy);
        assertThat(applied.path("result").asText()).as("%s", applied).isEqualTo("success");
        assertThat(applied.path("authenticationStrength").path("authenticationStrengthResult").asText()).isEqualTo("satisfied");
    }

    @Test
    void anotherModelIsRefusedWithTheQualifyingModelNamedAndTheSameRequestSucceedsOnceItsModelIsAllowed() throws Exception {
        Registered member = memberWithPasskey("ca-other-model");
        Strength strength = strengthAllowing(OTHER_MODEL);
        String policy = policyFor(member.user().id(), strength.id(), "enabled");
        browser.endSession();

        SignInPage page = app.open(browser.driver(), baseUrl);
        page.choosePasskey();
        Message refusal = awaitMessage();

        assertThat(refusal.refused()).as("%s", refusal).isTrue();
        assertThat(refusal.reason()).isEqualTo("authenticationStrengthNotMet");
        assertThat(refusal.text()).contains("Sign in again with a passkey of one of these models").contains(OTHER_MODEL);
        assertThat(browser.driver().getCurrentUrl()).as("still on Keyward's sign-in page").startsWith(baseUrl + "/signin");
        JsonNode applied = appliedPolicy(member.user().id(), policy);
        assertThat(applied.path("result").asText()).as("%s", applied).isEqualTo("failure");
        assertThat(admin.signInRefusalReasons(member.user().id())).contains("authenticationStrengthNotMet");

        // The admin allows the key's model too: the person tries again on the same page and reaches the app.
        GraphClient.Reply changed = admin.send("PATCH", "/policies/authenticationStrengthPolicies/" + strength.id()
                + "/combinationConfigurations/" + strength.configurationId(), Map.of(
                "@odata.type", "#microsoft.graph.fido2CombinationConfiguration",
                "allowedAAGUIDs", List.of(OTHER_MODEL, VIRTUAL_KEY_MODEL), "appliesToCombinations", List.of("fido2")));
        assertThat(changed.status()).as("%s", changed.body()).isBetween(200, 204);
        page.choosePasskey();

        app.assertSignedInAs(browser.driver(), "E2E ca-other-model", member.user().userPrincipalName());
    }

    @Test
    void aPersonSignedInWithAnotherModelIsToldWhatTheAppNeedsBeforeTrying() throws Exception {
        Registered member = memberWithPasskey("ca-sso-short");
        String policy = policyFor(member.user().id(), strengthAllowing(OTHER_MODEL).id(), "enabled");
        browser.endSession();
        SignInPage.Outcome keywardPages = SignInPage.open(browser.driver(), baseUrl).signInWithPasskey();
        assertThat(keywardPages.signedIn()).as("signed in to Keyward's own pages: %s", keywardPages).isTrue();

        // The app's request comes with a sign-in of the key's model: single sign-on falls short of the app's strength,
        // and the page says so, naming the qualifying model, before the person does anything.
        app.open(browser.driver(), baseUrl);
        Message notice = awaitMessage();

        assertThat(notice.reason()).as("%s", notice).isEqualTo("authenticationStrengthNotMet");
        assertThat(notice.text()).contains("Sign in again with a passkey of one of these models").contains(OTHER_MODEL);
        assertThat(browser.driver().getCurrentUrl()).as("still on Keyward's sign-in page").startsWith(baseUrl + "/signin");
        assertThat(appliedPolicy(member.user().id(), policy).path("result").asText()).isEqualTo("failure");
    }

    @Test
    void reportOnlyLetsThePersonInAndLogsWhatItWouldHaveDone() throws Exception {
        Registered member = memberWithPasskey("ca-report-only");
        String strength = strengthAllowing(OTHER_MODEL).id();
        String policy = policyFor(member.user().id(), strength, "enabledForReportingButNotEnforced");
        browser.endSession();

        app.open(browser.driver(), baseUrl).choosePasskey();

        app.assertSignedInAs(browser.driver(), "E2E ca-report-only", member.user().userPrincipalName());
        JsonNode applied = appliedPolicy(member.user().id(), policy);
        assertThat(applied.path("result").asText()).as("%s", applied).isEqualTo("reportOnlyFailure");
        JsonNode signIn = admin.signIns(member.user().id()).get(0);
        assertThat(signIn.path("status").path("errorCode").asInt()).as("%s", signIn).isZero();
    }

    @Test
    void aPolicyThatBlocksGuestsKeepsAGuestOutOfTheAppAndLetsAMemberIn() throws Exception {
        KeywardAdmin.User guest = admin.invitedGuest();
        KeywardAdmin.User member = admin.newMember("ca-not-a-guest");
        String policy = created("/identity/conditionalAccess/policies", Map.of(
                "displayName", "E2E no guests in the sample app " + UUID.randomUUID(), "state", "enabled",
                "conditions", Map.of("clientAppTypes", List.of("all"),
                        "applications", Map.of("includeApplications", List.of(app.clientId())),
                        "users", Map.of("includeUsers", List.of("GuestsOrExternalUsers"))),
                "grantControls", Map.of("operator", "OR", "builtInControls", List.of("block"))));
        policies.add(policy);
        browser.endSession();

        SignInPage.Outcome guestOutcome = app.open(browser.driver(), baseUrl)
                .signInWithTemporaryAccessPass(guest.userPrincipalName(), guest.temporaryAccessPass());

        assertThat(guestOutcome.signedIn()).isFalse();
        assertThat(guestOutcome.refusal().reason()).as("%s", guestOutcome.refusal()).isEqualTo("blockedByConditionalAccess");
        assertThat(guestOutcome.refusal().text()).contains("does not let you sign in to");
        assertThat(appliedPolicy(guest.id(), policy).path("result").asText()).isEqualTo("failure");

        browser.endSession();
        app.open(browser.driver(), baseUrl).submitTemporaryAccessPass(member.userPrincipalName(), member.temporaryAccessPass());
        app.assertSignedInAs(browser.driver(), "E2E ca-not-a-guest", member.userPrincipalName());
        assertThat(appliedPolicy(member.id(), policy).path("result").asText()).isEqualTo("notApplied");
    }

    record Strength(String id, String configurationId) {
    }

    private Strength strengthAllowing(String aaguid) throws Exception {
        String strength = created("/policies/authenticationStrengthPolicies", Map.of(
                "displayName", "E2E approved keys " + UUID.randomUUID(), "allowedCombinations", List.of("fido2")));
        strengths.add(strength);
        String configuration = created("/identity/conditionalAccess/authenticationStrength/policies/" + strength
                + "/combinationConfigurations", Map.of("@odata.type", "#microsoft.graph.fido2CombinationConfiguration",
                "allowedAAGUIDs", List.of(aaguid), "appliesToCombinations", List.of("fido2")));
        return new Strength(strength, configuration);
    }

    private String policyFor(String userId, String strength, String state) throws Exception {
        String policy = created("/identity/conditionalAccess/policies", Map.of(
                "displayName", "E2E sample app needs approved keys " + UUID.randomUUID(), "state", state,
                "conditions", Map.of("clientAppTypes", List.of("all"),
                        "applications", Map.of("includeApplications", List.of(app.clientId())),
                        "users", Map.of("includeUsers", List.of(userId))),
                "grantControls", Map.of("operator", "OR", "authenticationStrength", Map.of("id", strength))));
        policies.add(policy);
        return policy;
    }

    private String created(String path, Map<String, Object> body) throws Exception {
        GraphClient.Reply reply = admin.send("POST", path, body);
        assertThat(reply.status()).as("POST %s: %s", path, reply.body()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    /** The newest sign-in log entry of the user into the app, and in it the entry of {@code policyId}. */
    private JsonNode appliedPolicy(String userId, String policyId) throws Exception {
        JsonNode signIn = admin.signIns(userId).stream().filter(s -> app.clientId().equals(s.path("appId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no sign-in of " + userId + " into the sample app"));
        for (JsonNode applied : signIn.path("appliedConditionalAccessPolicies")) {
            if (policyId.equals(applied.path("id").asText())) {
                return applied;
            }
        }
        throw new AssertionError("policy " + policyId + " is not in the sign-in's appliedConditionalAccessPolicies: " + signIn);
    }

    private Message awaitMessage() {
        return new WebDriverWait(browser.driver(), SignInPage.WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> message = d.findElements(By.id("signin-message"));
            return !message.isEmpty() && message.get(0).isDisplayed() && "refused".equals(message.get(0).getDomAttribute("data-outcome"))
                    ? new Message(message.get(0).getDomAttribute("data-outcome"), message.get(0).getDomAttribute("data-reason"),
                    message.get(0).getText()) : null;
        });
    }
}
