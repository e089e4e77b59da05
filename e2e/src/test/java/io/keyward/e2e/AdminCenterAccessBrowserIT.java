package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin center's conditional access pages through the real OIDC sign-in with a passkey: a Conditional Access
 * Administrator makes a custom authentication strength that accepts one passkey model and a conditional access policy for an app (report-only,
 * then on), and cannot delete the strength while the policy uses it; a Global Reader sees the strengths and policies
 * with every change control disabled and a forged change is refused by Graph; the sign-in log filters by user, result
 * and passkey model and shows a refusal's reason code and sentence in its detail pane; the audit log filters by
 * category. Screenshots of each page at desktop and phone width go to {@code target/screenshots/admin-ca-*}.
 */
class AdminCenterAccessBrowserIT extends AdminCenterScenario {

    private final List<String> policies = new ArrayList<>();
    private final List<String> strengths = new ArrayList<>();

    @AfterEach
    void removeThePoliciesAndStrengths() throws Exception {
        admin.deleteConditionalAccess(policies, strengths);
    }

    /** Screenshots at both widths, each checked for contrast and for fitting the width. */
    private void look(AdminCenterPage page, String path, String name, String... onScreenIds) {
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            if (path != null) {
                page.open(path);
            }
            look(width, name, onScreenIds);
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
    }

    private JsonNode strengthNamed(String name) throws Exception {
        for (JsonNode strength : admin.send("GET", "/policies/authenticationStrengthPolicies", null).body().path("value")) {
            if (name.equals(strength.path("displayName").asText())) {
                return strength;
            }
        }
        return null;
    }

    private JsonNode policy(String id) throws Exception {
        return admin.send("GET", "/identity/conditionalAccess/policies/" + id, null).body();
    }

    private String created(String path, Map<String, Object> body) throws Exception {
        GraphClient.Reply reply = admin.send("POST", path, body);
        assertThat(reply.status()).as("POST %s: %s", path, reply.body()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    /** Done by a Conditional Access Administrator, the least role that may: it picks the app from the list of apps. */
    @Test
    void anAdministratorRequiresAnApprovedPasskeyModelForAnAppReportOnlyFirstThenOn() throws Exception {
        KeywardAdmin.WebApp app = admin.registerWebApp("E2E Payroll " + UUID.randomUUID().toString().substring(0, 6),
                List.of("https://payroll.example/signin"), "https://payroll.example/signed-out");
        String label = "payroll-" + UUID.randomUUID().toString().substring(0, 6);
        String group = admin.securityGroup(label);
        KeywardAdmin.User caa = withPasskeyAndRole("admin-ca-caa", CONDITIONAL_ACCESS_ADMINISTRATOR);
        String strengthName = "E2E approved keys " + UUID.randomUUID().toString().substring(0, 6);

        AdminCenterPage page = signIn(caa);
        page.open("strengths.xhtml");
        assertThat(browser.driver().findElements(By.cssSelector("#built-in-strengths tbody tr"))).as("built-in strengths").hasSize(3);
        look(page, null, "admin-ca-1-strengths", "strengths-heading", "new-strength");
        page.click("new-strength");
        page.element("name").sendKeys(strengthName);
        assertThat(browser.driver().findElement(By.cssSelector("input[data-combination='fido2']")).isSelected()).as("passkeys ticked").isTrue();
        page.element("aaguids").sendKeys(VirtualKey.CHROME_AAGUID);
        page.click("show-models");
        WebElement listed = browser.driver().findElement(By.cssSelector("#listed-models li[data-aaguid='" + VirtualKey.CHROME_AAGUID + "']"));
        assertThat(listed.findElement(By.className("model")).getText()).as("the model's name").isNotBlank();
        look(page, null, "admin-ca-2-strength", "name", "save");
        page.click("save");

        assertThat(page.messages()).contains("Created the authentication strength '" + strengthName + "'.");
        JsonNode strength = strengthNamed(strengthName);
        assertThat(strength).as("the strength in Graph").isNotNull();
        strengths.add(strength.path("id").asText());
        assertThat(strength.path("allowedCombinations").toString()).isEqualTo("[\"fido2\"]");
        assertThat(strength.path("combinationConfigurations").get(0).path("allowedAAGUIDs").toString())
                .isEqualTo("[\"" + VirtualKey.CHROME_AAGUID + "\"]");

        page.open("ca-policies.xhtml");
        page.click("new-policy");
        String policyName = "E2E Payroll needs approved keys " + UUID.randomUUID().toString().substring(0, 6);
        page.element("name").sendKeys(policyName);
        page.element("group-query").sendKeys(label);
        page.click("find-groups");
        page.click(browser.driver().findElement(By.cssSelector("#group-results li[data-group-id='" + group + "'] input.include")));
        assertThat(page.present("apps-error")).as("the role reads the apps: no 'add an app by its id' fallback").isFalse();
        assertThat(page.present("app-id")).isFalse();
        new Select(browser.driver().findElement(By.cssSelector("#apps li[data-app-id='" + app.clientId() + "'] select"))).selectByValue("include");
        new Select(page.element("strength")).selectByValue(strength.path("id").asText());
        assertThat(browser.driver().findElement(By.cssSelector("input[name='state'][value='enabledForReportingButNotEnforced']")).isSelected())
                .as("report-only is the new policy's state").isTrue();
        look(page, null, "admin-ca-4-policy", "name", "save");
        page.click("save");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Created the policy '" + policyName + "'").contains("report-only"));
        assertThat(browser.driver().getCurrentUrl()).as("the policy's own page after the redirect").contains("/admin/ca-policy.xhtml?id=");
        String policyId = browser.driver().getCurrentUrl().replaceAll(".*[?&]id=([^&#]+).*", "$1");
        policies.add(policyId);
        JsonNode policy = policy(policyId);
        assertThat(policy.path("displayName").asText()).isEqualTo(policyName);
        assertThat(policy.path("state").asText()).isEqualTo("enabledForReportingButNotEnforced");
        assertThat(policy.path("conditions").path("applications").path("includeApplications").toString()).isEqualTo("[\"" + app.clientId() + "\"]");
        assertThat(policy.path("conditions").path("users").path("includeGroups").toString()).isEqualTo("[\"" + group + "\"]");
        assertThat(policy.path("grantControls").path("authenticationStrength").path("id").asText()).isEqualTo(strength.path("id").asText());

        page.click("turn-on");
        assertThat(page.element("saved-state").getDomAttribute("data-state")).isEqualTo("enabled");
        assertThat(policy(policyId).path("state").asText()).isEqualTo("enabled");
        look(page, "ca-policies.xhtml", "admin-ca-3-policies", "ca-heading", "new-policy");
        assertThat(browser.driver().findElement(By.cssSelector("#policies li[data-policy-id='" + policyId + "']")).getDomAttribute("data-state"))
                .isEqualTo("enabled");

        // The strength is in use: deleting it is refused with Graph's sentence, and it stays.
        page.open("strengths.xhtml");
        page.click(browser.driver().findElement(By.cssSelector("#custom-strengths li[data-strength-id='" + strength.path("id").asText()
                + "'] input.strength-delete")));
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("is used by the conditional access policy '" + policyName + "'")
                .contains("(authenticationStrengthInUse)"));
        assertThat(strengthNamed(strengthName)).as("the strength after the refused delete").isNotNull();
    }

    @Test
    void aGlobalReaderSeesStrengthsAndPoliciesWithNoEnabledChangeControlAndAForgedChangeIsRefused() throws Exception {
        KeywardAdmin.WebApp app = admin.registerWebApp("E2E Reader app " + UUID.randomUUID().toString().substring(0, 6),
                List.of("https://reader.example/signin"), "https://reader.example/signed-out");
        String strength = created("/policies/authenticationStrengthPolicies", Map.of(
                "displayName", "E2E reader strength " + UUID.randomUUID(), "allowedCombinations", List.of("fido2")));
        strengths.add(strength);
        created("/identity/conditionalAccess/authenticationStrength/policies/" + strength + "/combinationConfigurations",
                Map.of("@odata.type", "#microsoft.graph.fido2CombinationConfiguration", "allowedAAGUIDs", List.of(VirtualKey.CHROME_AAGUID),
                        "appliesToCombinations", List.of("fido2")));
        String policy = created("/identity/conditionalAccess/policies", Map.of(
                "displayName", "E2E reader policy " + UUID.randomUUID(), "state", "enabledForReportingButNotEnforced",
                "conditions", Map.of("clientAppTypes", List.of("all"), "applications", Map.of("includeApplications", List.of(app.clientId())),
                        "users", Map.of("includeUsers", List.of("All"))),
                "grantControls", Map.of("operator", "OR", "authenticationStrength", Map.of("id", strength))));
        policies.add(policy);
        KeywardAdmin.User reader = withPasskeyAndRole("admin-ca-reader", GLOBAL_READER);

        AdminCenterPage page = signIn(reader);
        page.open("strengths.xhtml");
        assertThat(page.present("read-only")).isTrue();
        assertThat(page.element("new-strength").getTagName()).as("New custom strength is not a link for a reader").isEqualTo("span");
        assertAllDisabled("#custom-form");
        page.open("strength.xhtml?id=" + strength);
        assertThat(page.present("read-only")).isTrue();
        assertThat(page.element("listed-models").getText()).contains(VirtualKey.CHROME_AAGUID);
        assertAllDisabled("#strength");
        look(page, null, "admin-ca-5-reader-strength", "read-only");
        page.open("ca-policies.xhtml");
        assertThat(page.present("read-only")).isTrue();
        assertAllDisabled("#policies-form");
        page.open("ca-policy.xhtml?id=" + policy);
        assertThat(page.present("read-only")).isTrue();
        assertThat(page.present("group-query")).as("group picker for a reader").isFalse();
        assertAllDisabled("#ca-policy");
        look(page, null, "admin-ca-6-reader-policy", "read-only");

        // A forged change reaches Graph, which refuses it; nothing changes.
        page.open("ca-policies.xhtml");
        WebElement turnOn = browser.driver().findElement(By.cssSelector("#policies li[data-policy-id='" + policy + "'] input.policy-turn-on"));
        browser.driver().executeScript("arguments[0].removeAttribute('disabled');", turnOn);
        page.click(turnOn);
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Your role does not allow this change").contains("Authorization_RequestDenied"));
        assertThat(policy(policy).path("state").asText()).as("state after the forged change").isEqualTo("enabledForReportingButNotEnforced");

        String forgedName = "E2E forged strength " + UUID.randomUUID();
        page.open("strength.xhtml");
        browser.driver().executeScript("for (const id of ['name', 'save']) document.getElementById(id).removeAttribute('disabled');");
        page.element("name").sendKeys(forgedName);
        page.click("save");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Your role does not allow this change").contains("Authorization_RequestDenied"));
        assertThat(strengthNamed(forgedName)).as("a strength made by a forged form").isNull();
    }

    @Test
    void theSignInLogFiltersByUserResultAndModelAndShowsARefusalsReasonInTheDetailPane() throws Exception {
        Registered member = memberWithPasskey("admin-ca-refused");
        admin.changePasskeyPolicy(Map.of("excludeTargets", List.of(Map.of("id", member.user().id(), "targetType", "user"))));
        assertSignInRefused(member.user(), signInPage().signInWithPasskey(), "userNotInPasskeyPolicyScope");
        member.key().remove();
        admin.resetPasskeyPolicy();
        KeywardAdmin.User ga = withPasskeyAndRole("admin-ca-logs", GLOBAL_ADMINISTRATOR);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        AdminCenterPage page = signIn(ga);
        page.open("sign-ins.xhtml");
        page.element("filter-user").sendKeys(member.user().userPrincipalName());
        // A date input takes typing in the browser's locale; the value itself is the ISO day the form sends.
        browser.driver().executeScript("arguments[0].value = arguments[1];", page.element("filter-from"), today);
        page.click("filter");

        List<WebElement> entries = browser.driver().findElements(By.cssSelector("#sign-ins li.entry"));
        assertThat(entries).as("the member's sign-ins").isNotEmpty();
        assertThat(entries).allSatisfy(e -> assertThat(e.getDomAttribute("data-user")).isEqualToIgnoringCase(member.user().userPrincipalName()));
        assertThat(entries.stream().map(e -> e.getDomAttribute("data-result")).distinct().toList()).as("results of the member's sign-ins")
                .contains("success", "failure");

        new Select(page.element("filter-result")).selectByValue("failure");
        page.click("filter");
        entries = browser.driver().findElements(By.cssSelector("#sign-ins li.entry"));
        assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(e.getDomAttribute("data-result")).isEqualTo("failure"));
        WebElement refused = entries.get(0);
        assertThat(refused.getDomAttribute("data-reason")).isEqualTo("userNotInPasskeyPolicyScope");
        assertThat(refused.findElement(By.className("reason")).isDisplayed()).as("pane closed at first").isFalse();
        refused.findElement(By.tagName("summary")).click();
        WebElement reason = refused.findElement(By.className("reason"));
        assertThat(reason.isDisplayed()).isTrue();
        assertThat(reason.getText()).endsWith("(userNotInPasskeyPolicyScope)");
        PageChecks.assertPlainWords("the sentence the person saw", reason.findElement(By.className("reason-sentence")).getText());
        assertThat(refused.findElement(By.className("method")).getText()).contains("Passkey");
        look(page, null, "admin-ca-7-sign-ins", "sign-ins-heading", "filter");

        // By passkey model: the administrator's own sign-in with the virtual key, its model named in the pane.
        String query = "sign-ins.xhtml?user=" + URLEncoder.encode(ga.userPrincipalName(), StandardCharsets.UTF_8) + "&aaguid=" + VirtualKey.CHROME_AAGUID;
        page.open(query);
        entries = browser.driver().findElements(By.cssSelector("#sign-ins li.entry"));
        assertThat(entries).as("the administrator's passkey sign-ins with the virtual key's model").isNotEmpty();
        entries.get(0).findElement(By.tagName("summary")).click();
        assertThat(entries.get(0).findElement(By.className("model")).getText()).contains(VirtualKey.CHROME_AAGUID);
        page.open(query.replace(VirtualKey.CHROME_AAGUID, "cb69481e-8ff7-4039-93ec-0a2729a154a8"));
        assertThat(browser.driver().findElements(By.cssSelector("#sign-ins li.entry"))).as("sign-ins with another model").isEmpty();
        page.open("sign-ins.xhtml?aaguid=yubikey");
        assertThat(page.element("sign-ins-error").getText()).contains("is not an AAGUID");

        page.open("audit-logs.xhtml?category=UserManagement");
        entries = browser.driver().findElements(By.cssSelector("#audits li.entry"));
        assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(e.getDomAttribute("data-category")).isEqualTo("UserManagement"));
        entries.get(0).findElement(By.tagName("summary")).click();
        assertThat(entries.get(0).findElement(By.cssSelector(".pane")).getText()).contains("UserManagement");
        look(page, null, "admin-ca-8-audit-log", "audits-heading", "filter");

        // Paging keeps the filter: 25 entries a page, the next page older and different.
        for (int i = 0; i < 13; i++) {
            admin.newMember("admin-ca-paging");
        }
        page.open("audit-logs.xhtml?category=UserManagement");
        List<String> first = browser.driver().findElements(By.cssSelector("#audits li.entry")).stream().map(e -> e.getDomAttribute("data-audit-id")).toList();
        assertThat(first).hasSize(25);
        page.click("next-page");
        List<WebElement> older = browser.driver().findElements(By.cssSelector("#audits li.entry"));
        assertThat(older).isNotEmpty().allSatisfy(e -> assertThat(e.getDomAttribute("data-category")).isEqualTo("UserManagement"));
        assertThat(older.stream().map(e -> e.getDomAttribute("data-audit-id")).toList()).doesNotContainAnyElementsOf(first);
        assertThat(page.present("first-page")).isTrue();
    }

    /** Every control of the form is disabled: inputs, selects, text areas and buttons. */
    private void assertAllDisabled(String form) {
        List<WebElement> controls = browser.driver().findElements(By.cssSelector(form + " input:not([type=hidden]), " + form + " select, "
                + form + " textarea, " + form + " button"));
        assertThat(controls).as("controls in %s", form).isNotEmpty();
        assertThat(controls.stream().filter(WebElement::isEnabled).map(c -> c.getTagName() + "#" + c.getDomAttribute("id")
                + "[" + c.getDomAttribute("value") + "]").toList()).as("enabled controls in %s for a Global Reader", form).isEmpty();
    }
}
