package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin center through the real OIDC sign-in with a passkey: who may enter, the passkey policy page (targets,
 * group picker, lockout preview before save, If-Match), a user's passkeys and Temporary Access Pass, and a Global
 * Reader who sees but cannot change. Screenshots of each page at desktop and phone width go to
 * {@code target/screenshots/}, checked for contrast and width.
 */
class AdminCenterBrowserIT extends AdminCenterScenario {

    @Test
    void anAdministratorSignsInWithAPasskeyAndEnablesPasskeysForOneSecurityGroup() throws Exception {
        KeywardAdmin.User ga = withPasskeyAndRole("admin-center-ga", GLOBAL_ADMINISTRATOR);
        String label = "pilot-" + UUID.randomUUID().toString().substring(0, 6);
        String security = admin.securityGroup(label);
        String mailOnly = admin.send("POST", "/groups", Map.of("displayName", "E2E " + label + " newsletter", "mailNickname", label + "-news",
                "securityEnabled", false, "mailEnabled", true)).body().path("id").asText();

        AdminCenterPage page = signIn(ga);
        assertThat(page.element("account-name").getText()).isEqualTo("E2E admin-center-ga");
        page.open("passkey-policy.xhtml");
        page.element("all-users").click();
        page.element("group-query").sendKeys(label);
        page.click("find-groups");

        WebElement nonSecurity = browser.driver().findElement(By.cssSelector("#group-results li[data-group-id='" + mailOnly + "']"));
        assertThat(nonSecurity.findElements(By.cssSelector("input.include"))).as("Include offered for a non-security group").isEmpty();
        assertThat(nonSecurity.findElement(By.className("refusal")).getDomAttribute("data-reason")).isEqualTo("nonSecurityGroupTarget");
        assertThat(nonSecurity.getText()).contains("Not a security group");

        page.click(browser.driver().findElement(By.cssSelector("#group-results li[data-group-id='" + security + "'] input.include")));
        assertThat(browser.driver().findElements(By.cssSelector("#included li[data-group-id='" + security + "']"))).hasSize(1);
        page.click("review");
        assertThat(Integer.parseInt(page.element("lockout-preview").getDomAttribute("data-users")))
                .as("users outside the group, the administrator among them, are locked out").isPositive();
        page.click("save");

        assertThat(page.messages()).contains("Saved the passkey policy.");
        JsonNode policy = policy();
        assertThat(policy.path("state").asText()).isEqualTo("enabled");
        assertThat(policy.path("includeTargets").findValuesAsText("id")).containsExactly(security);
    }

    @Test
    void anAllowListShowsWhoItWouldLockOutBeforeItIsSavedAndAConcurrentChangeIsAConflict() throws Exception {
        KeywardAdmin.User member = admin.newMember("admin-center-locked");
        VirtualKey memberKey = browser.addSecurityKey();
        registerPasskey(member, memberKey);
        memberKey.remove();
        KeywardAdmin.User ga = withPasskeyAndRole("admin-center-preview", GLOBAL_ADMINISTRATOR);

        AdminCenterPage page = signIn(ga);
        page.open("passkey-policy.xhtml");
        page.element("restrictions").click();
        new org.openqa.selenium.support.ui.Select(page.element("enforcement")).selectByValue("allow");
        page.element("aaguids").sendKeys(PasskeyRegistrationPolicyBrowserIT.OTHER_AAGUID);
        page.element("microsoft-authenticator").click();
        page.click("review");

        assertThat(page.element("listed-models").getText()).as("the Microsoft Authenticator switch lists its two models")
                .contains(PasskeyRegistrationPolicyBrowserIT.OTHER_AAGUID, "90a3ccdf-635c-4729-a248-9b709135078f", "de1e552d-db1d-4423-a619-566b625cdc84");
        WebElement preview = page.element("lockout-preview");
        assertThat(Integer.parseInt(preview.getDomAttribute("data-passkeys"))).as("passkeys refused").isGreaterThanOrEqualTo(2);
        assertThat(page.element("locked-out").getText()).contains(member.userPrincipalName(), ga.userPrincipalName());
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-2-lockout-preview", "save");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        assertThat(policy().path("keyRestrictions").path("isEnforced").asBoolean()).as("nothing saved by the preview").isFalse();

        admin.changePasskeyPolicy(Map.of("isAttestationEnforced", false, "isSelfServiceRegistrationAllowed", true,
                "keyRestrictions", Map.of("aaGuids", List.of(VirtualKey.CHROME_AAGUID))));
        page.click("save");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Someone else changed this").contains("resourceModified"));
        assertThat(policy().path("keyRestrictions").path("isEnforced").asBoolean()).as("the other admin's change is kept").isFalse();
        assertThat(policy().path("keyRestrictions").path("aaGuids").toString()).contains(VirtualKey.CHROME_AAGUID)
                .doesNotContain(PasskeyRegistrationPolicyBrowserIT.OTHER_AAGUID);
    }

    @Test
    void aProfileAllowingOnlyDeviceBoundKeysOfOneModelIsGivenToAGroupAfterThePreviewNamesTheMemberItLocksOut() throws Exception {
        // The preview names the first 50 locked-out users by account name, and every user of earlier scenarios is outside the
        // new target: this one's name sorts first.
        KeywardAdmin.User member = admin.newMember("a0-profile-synced");
        VirtualKey synced = browser.addSyncedPasskeyProvider();
        registerPasskey(member, synced);
        synced.remove();
        String label = "keys-" + UUID.randomUUID().toString().substring(0, 6);
        String group = admin.securityGroup(label, member.id());
        KeywardAdmin.User ga = withPasskeyAndRole("admin-center-profiles", GLOBAL_ADMINISTRATOR);

        AdminCenterPage page = signIn(ga);
        page.open("passkey-profiles.xhtml");
        page.click("new-profile");
        page.element("name").sendKeys("Pilot security keys");
        page.element("synced").click();
        page.element("restrictions").click();
        new org.openqa.selenium.support.ui.Select(page.element("enforcement")).selectByValue("allow");
        page.element("aaguids").sendKeys(VirtualKey.CHROME_AAGUID);
        page.click("review");
        assertThat(page.element("lockout-preview").getDomAttribute("data-passkeys")).as("a profile no target allows").isEqualTo("0");
        page.click("save");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Created the passkey profile 'Pilot security keys'"));
        JsonNode profile = java.util.stream.StreamSupport.stream(policy().path("passkeyProfiles").spliterator(), false)
                .filter(p -> p.path("name").asText().equals("Pilot security keys")).findFirst().orElseThrow();
        assertThat(profile.path("passkeyTypes").asText()).isEqualTo("deviceBound");
        assertThat(profile.path("keyRestrictions").path("aaGuids").toString()).contains(VirtualKey.CHROME_AAGUID);
        String profileId = profile.path("id").asText();

        page.open("passkey-policy.xhtml");
        page.element("group-query").sendKeys(label);
        page.click("find-groups");
        page.click(browser.driver().findElement(By.cssSelector("#group-results li[data-group-id='" + group + "'] input.include")));
        browser.driver().findElement(By.cssSelector("fieldset.target-profiles[data-target-id='" + group + "'] input[data-profile-id='"
                + profileId + "']")).click();
        page.click("review");

        assertThat(page.element("locked-out").getText()).as("the member's synced passkey under a device-bound-only profile")
                .contains(member.userPrincipalName());
        assertThat(policy().path("includeTargets").findValuesAsText("id")).as("nothing saved by the preview").containsExactly("all_users");
        page.click("save");

        assertThat(page.messages()).contains("Saved the passkey policy.");
        JsonNode target = policy().path("includeTargets").get(0);
        assertThat(target.path("id").asText()).isEqualTo(group);
        assertThat(target.path("allowedPasskeyProfiles").toString()).isEqualTo("[\"" + profileId + "\"]");
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            page.open("passkey-profiles.xhtml");
            look(width, "admin-9-passkey-profiles", "profiles-heading", "new-profile", "profiles");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        WebElement card = browser.driver().findElement(By.cssSelector("#profiles li[data-profile-id='" + profileId + "']"));
        assertThat(card.findElement(By.className("profile-delete")).isEnabled()).as("Delete for a profile a target allows").isFalse();
        assertThat(card.findElement(By.className("delete-refusal")).getText()).contains("E2E " + label);
    }

    @Test
    void anAdministratorDeletesAUsersPasskeyAndIssuesATemporaryAccessPassShownOnce() throws Exception {
        KeywardAdmin.User member = admin.newMember("admin-center-member");
        VirtualKey memberKey = browser.addSecurityKey();
        registerPasskey(member, memberKey);
        memberKey.remove();
        KeywardAdmin.User ga = withPasskeyAndRole("admin-center-methods", GLOBAL_ADMINISTRATOR);

        AdminCenterPage page = signIn(ga);
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            page.open("index.xhtml");
            look(width, "admin-1-dashboard", "dashboard-heading", "sign-out");
            page.open("users.xhtml?q=" + member.userPrincipalName());
            look(width, "admin-3-users", "q", "search");
            page.open("user.xhtml?id=" + member.id());
            look(width, "admin-4-user", "issue-pass");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        WebElement passkey = browser.driver().findElement(By.cssSelector("#passkeys li.passkey"));
        assertThat(passkey.getDomAttribute("data-aaguid")).isEqualTo(VirtualKey.CHROME_AAGUID);
        page.click(passkey.findElement(By.className("passkey-delete")));

        assertThat(page.present("no-passkeys")).isTrue();
        assertThat(admin.passkeys(member.id())).isEmpty();

        page.click("issue-pass");
        String pass = page.element("issued-pass").getText();
        assertThat(pass).isNotBlank();
        PageChecks.screenshot(browser.driver(), PageChecks.Width.DESKTOP, "admin-5-pass-issued");
        page.open("user.xhtml?id=" + member.id());
        assertThat(page.present("issued-pass")).as("the pass is shown once").isFalse();

        browser.endSession();
        SignInPage.Outcome outcome = signInPage().signInWithTemporaryAccessPass(member.userPrincipalName(), pass);
        assertThat(outcome.signedIn()).as("sign-in with the pass the admin center issued: %s", outcome).isTrue();
    }

    @Test
    void theInventoryListsEachModelInUseAndTheCommandLinePrintsItAsCsv(KeywardServer server) throws Exception {
        KeywardAdmin.User member = admin.newMember("admin-center-inventory");
        VirtualKey memberKey = browser.addSecurityKey();
        registerPasskey(member, memberKey);
        memberKey.remove();
        KeywardAdmin.User ga = withPasskeyAndRole("admin-center-inventory-ga", GLOBAL_ADMINISTRATOR);

        AdminCenterPage page = signIn(ga);
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            page.open("inventory.xhtml?since=30d");
            look(width, "admin-8-inventory", "inventory-heading", "since");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        WebElement row = browser.driver().findElement(By.cssSelector("#inventory tr[data-aaguid='" + VirtualKey.CHROME_AAGUID + "']"));
        long passkeys = Long.parseLong(row.getDomAttribute("data-passkeys"));
        assertThat(passkeys).as("passkeys of the virtual key's model").isGreaterThanOrEqualTo(2);
        // Whether the model's passkeys are attested depends on what earlier scenarios of the suite registered: the
        // page and the command line must say the same.
        Map<String, String> labels = Map.of("attested", "Attested", "claimed", "Claimed (not attested)", "mixed", "Some attested");
        String attestation = labels.entrySet().stream().filter(l -> row.getText().contains(l.getValue()))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no attestation on the row: " + row.getText()));
        assertThat(page.element("models-in-use").getText()).contains(VirtualKey.CHROME_AAGUID);

        Bootstrap bootstrap = server.bootstrap();
        ProcessBuilder cli = new ProcessBuilder(RepositoryRoot.path().resolve("keyward").toString(), "aaguid-inventory", "--since", "30d",
                "--format", "csv").redirectErrorStream(true);
        cli.environment().putAll(Map.of("KEYWARD_CLIENT_ID", bootstrap.clientId(), "KEYWARD_CLIENT_SECRET", bootstrap.clientSecret(),
                "KEYWARD_TOKEN_ENDPOINT", bootstrap.tokenEndpoint(), "KEYWARD_GRAPH_URL", bootstrap.graphBaseUrl()));
        Process process = cli.start();
        String csv = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("exit status; output: %s", csv).isZero();
        assertThat(csv.lines().findFirst()).hasValue("aaGuid,model,attestation,users,passkeys,signIns,refusedSignIns,signInUsers,lastUsedDateTime");
        assertThat(csv.lines().filter(l -> l.startsWith(VirtualKey.CHROME_AAGUID + ",")).findFirst()).get().asString()
                .contains("," + attestation + ",").contains("," + passkeys + ",");
    }

    @Test
    void aGlobalReaderSeesThePolicyButCannotChangeItAndAForgedChangeIsRefusedByGraph() throws Exception {
        KeywardAdmin.User reader = withPasskeyAndRole("admin-center-reader", GLOBAL_READER);

        AdminCenterPage page = signIn(reader);
        page.open("passkey-policy.xhtml");
        assertThat(page.present("read-only")).isTrue();
        for (String control : List.of("enabled", "all-users", "self-service", "attestation", "restrictions", "aaguids", "review")) {
            assertThat(page.element(control).isEnabled()).as("%s enabled for a Global Reader", control).isFalse();
        }
        assertThat(page.present("group-query")).as("group picker for a Global Reader").isFalse();
        look(PageChecks.Width.DESKTOP, "admin-6-reader-policy", "read-only");

        browser.driver().executeScript("for (const id of ['enabled', 'review']) document.getElementById(id).removeAttribute('disabled');");
        page.element("enabled").click();
        page.click("review");
        browser.driver().executeScript("document.getElementById('save').removeAttribute('disabled');");
        page.click("save");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Your role does not allow this change").contains("Authorization_RequestDenied"));
        assertThat(policy().path("state").asText()).as("state after the forged change").isEqualTo("enabled");

        page.open("passkey-profiles.xhtml");
        assertThat(page.element("new-profile").getTagName()).as("New profile is not a link for a reader").isEqualTo("span");
        assertThat(browser.driver().findElement(By.cssSelector("#profiles .profile-delete")).isEnabled()).isFalse();
        page.open("passkey-profile.xhtml?id=" + KeywardAdmin.DEFAULT_PROFILE);
        for (String control : List.of("name", "device-bound", "synced", "attestation", "restrictions", "aaguids", "review")) {
            assertThat(page.element(control).isEnabled()).as("%s enabled for a Global Reader", control).isFalse();
        }
        // A disabled box is not sent with the form: a forged form enables them all (again after each answer).
        String enableAll = "document.querySelectorAll('#profile [disabled]').forEach(e => e.removeAttribute('disabled'));";
        browser.driver().executeScript(enableAll);
        page.element("synced").click();
        page.click("review");
        browser.driver().executeScript(enableAll);
        page.click("save");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Your role does not allow this change").contains("Authorization_RequestDenied"));
        assertThat(policy().path("passkeyProfiles").get(0).path("passkeyTypes").asText()).as("after the forged change").isEqualTo("deviceBound,synced");
    }

    @Test
    void someoneWithoutADirectoryRoleIsToldTheyNeedAnAdminRole() throws Exception {
        KeywardAdmin.User member = withPasskeyAndRole("admin-center-nobody", null);

        AdminCenterPage page = signIn(member);

        assertThat(page.heading()).isEqualTo("You need an admin role");
        assertThat(PageChecks.visibleText(browser.driver())).contains(member.userPrincipalName()).doesNotContain("Exception");
        assertThat(page.present("nav-passkey-policy")).isFalse();
        page.open("passkey-policy.xhtml");
        assertThat(page.heading()).isEqualTo("You need an admin role");
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-7-no-role", "no-role");
        }
    }
}
