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
 * The admin center's inventory allow list, dashboard and directory pages through the real OIDC sign-in with a
 * passkey: an allow list picked on the inventory, previewed with its lockout counts and turned on in one step; a
 * user found by a search a page at a time, a search with a quote and a backslash, a refused search, and the user's
 * account name changed (and a taken one refused with its reason); a security group created, a member added and removed; a guest
 * invited with the redeem link shown once and found by their email; a Global Reader who sees the dashboard (with its
 * list of pages) and the inventory but cannot turn an allow list on. Screenshots at desktop and phone width go to {@code target/screenshots/admin-dir-*}.
 */
class AdminCenterDirectoryBrowserIT extends AdminCenterScenario {

    private WebElement pick(String aaguid) {
        return browser.driver().findElement(By.cssSelector("input.pick[data-aaguid='" + aaguid + "']"));
    }

    private List<WebElement> picks() {
        return browser.driver().findElements(By.cssSelector("input.pick"));
    }

    /** The lockout preview's count of locked-out users, checked against the names listed (the first 50, then "and N more"). */
    private long assertLockedOut(AdminCenterPage page, KeywardAdmin.User... users) {
        WebElement preview = page.element("lockout-preview");
        long count = Long.parseLong(preview.getDomAttribute("data-users"));
        assertThat(page.element("count-locked-out").getText()).isEqualTo(String.valueOf(count));
        List<String> names = browser.driver().findElements(By.cssSelector("#locked-out li")).stream().map(WebElement::getText).toList();
        if (count <= 50) {
            assertThat(names).hasSize((int) count);
            assertThat(page.present("more-locked-out")).isFalse();
            for (KeywardAdmin.User user : users) {
                assertThat(names).contains(user.userPrincipalName());
            }
        } else {
            assertThat(names).hasSize(50);
            assertThat(page.element("more-locked-out").getText()).isEqualTo("and " + (count - 50) + " more");
        }
        return count;
    }

    @Test
    void anAdministratorPicksModelsOnTheInventorySeesWhoTheAllowListLocksOutAndTurnsItOnInOneStep() throws Exception {
        KeywardAdmin.User member = admin.newMember("admin-dir-locked");
        VirtualKey memberKey = browser.addSecurityKey();
        registerPasskey(member, memberKey);
        memberKey.remove();
        KeywardAdmin.User ga = withPasskeyAndRole("admin-dir-allow", GLOBAL_ADMINISTRATOR);

        AdminCenterPage page = signIn(ga);
        page.open("inventory.xhtml?since=30d");
        WebElement bar = browser.driver().findElement(By.cssSelector("#inventory-chart tr[data-aaguid='" + VirtualKey.CHROME_AAGUID + "']"));
        String passkeys = browser.driver().findElement(By.cssSelector("#inventory tr[data-aaguid='" + VirtualKey.CHROME_AAGUID + "']"))
                .getDomAttribute("data-passkeys");
        assertThat(bar.findElements(By.className("bar-value")).get(0).getText()).as("the chart's number is the table's").isEqualTo(passkeys);
        assertThat(Integer.parseInt(bar.getDomAttribute("data-passkeys-percent"))).as("bar of the model with passkeys").isBetween(1, 100);
        assertThat(pick(VirtualKey.CHROME_AAGUID).isSelected()).as("models with passkeys are picked to start with").isTrue();

        // An allow list of a model nobody uses: everyone with a passkey of the virtual key's model is locked out.
        for (WebElement box : picks()) {
            if (box.isSelected()) {
                box.click();
            }
        }
        page.element("other-models").sendKeys(PasskeyRegistrationPolicyBrowserIT.OTHER_AAGUID);
        page.click("preview-allow-list");
        long lockedOut = assertLockedOut(page, member, ga);
        assertThat(lockedOut).isGreaterThanOrEqualTo(2);
        assertThat(Long.parseLong(page.element("lockout-preview").getDomAttribute("data-passkeys"))).isGreaterThanOrEqualTo(2);
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-1-allow-list-preview", "apply-allow-list");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        assertThat(policy().path("keyRestrictions").path("isEnforced").asBoolean()).as("nothing saved by the preview").isFalse();

        // Picking the virtual key's model again changes the list: Turn on previews it anew instead of saving it.
        pick(VirtualKey.CHROME_AAGUID).click();
        page.click("apply-allow-list");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("The models picked changed since the last preview"));
        assertThat(Long.parseLong(page.element("lockout-preview").getDomAttribute("data-users"))).as("locked out once the model is allowed")
                .isLessThan(lockedOut);
        assertThat(policy().path("keyRestrictions").path("isEnforced").asBoolean()).as("nothing saved before the new preview").isFalse();

        page.click("apply-allow-list");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).startsWith("Turned on the allow list"));
        JsonNode restrictions = policy().path("keyRestrictions");
        assertThat(restrictions.path("isEnforced").asBoolean()).isTrue();
        assertThat(restrictions.path("enforcementType").asText()).isEqualTo("allow");
        assertThat(restrictions.path("aaGuids").toString()).contains(VirtualKey.CHROME_AAGUID, PasskeyRegistrationPolicyBrowserIT.OTHER_AAGUID);
        assertThat(page.present("allow-list-on")).as("the page says an allow list is on").isTrue();
        assertThat(pick(VirtualKey.CHROME_AAGUID).isSelected()).isTrue();
    }

    private List<String> listedUsers() {
        return browser.driver().findElements(By.cssSelector("#users tbody tr")).stream().map(r -> r.getDomAttribute("data-user-id")).toList();
    }

    /**
     * The users list searches Graph ({@code $search}) and shows a page at a time ({@code ?top=2} here, so that three
     * users make two pages); the user is then found and renamed.
     */
    @Test
    void anAdministratorFindsAUserPageByPageAndChangesTheirAccountNameAndATakenOneIsRefusedWithItsReason() throws Exception {
        String word = "dirpage" + UUID.randomUUID().toString().substring(0, 6);
        KeywardAdmin.User member = admin.newMember(word + "-rename");
        KeywardAdmin.User taken = admin.newMember(word + "-taken");
        String quotedUpn = word + "-quoted@" + KeywardAdmin.DOMAIN;
        GraphClient.Reply created = admin.send("POST", "/users", Map.of("accountEnabled", true, "displayName", "E2E \"" + word + "\\q\"",
                "mailNickname", word + "-quoted", "userPrincipalName", quotedUpn));
        assertThat(created.status()).as("a user whose name has a quote and a backslash: %s", created.body()).isEqualTo(201);
        String quoted = created.body().path("id").asText();
        KeywardAdmin.User ga = withPasskeyAndRole("admin-dir-upn", GLOBAL_ADMINISTRATOR);

        AdminCenterPage page = signIn(ga);
        page.open("users.xhtml?top=2");
        page.element("q").sendKeys(word);
        page.click("search");
        assertThat(page.element("users").getDomAttribute("data-total")).as("Graph's count of the matches").isEqualTo("3");
        List<String> first = listedUsers();
        assertThat(first).hasSize(2);
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-2-users-search", "q", "next-page");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        page.click("next-page");
        assertThat(page.element("q").getDomProperty("value")).as("the search is kept on the next page").isEqualTo(word);
        assertThat(listedUsers()).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(page.present("next-page")).as("the last page").isFalse();
        assertThat(java.util.stream.Stream.concat(first.stream(), listedUsers().stream()))
                .containsExactlyInAnyOrder(member.id(), taken.id(), quoted);

        // A double quote and a backslash are searched for as themselves (escaped as Graph's $search syntax says).
        page.element("q").clear();
        page.element("q").sendKeys("\"" + word + "\\q\"");
        page.click("search");
        assertThat(listedUsers()).containsExactly(quoted);

        // A search Graph refuses shows its words and reason code.
        page.open("users.xhtml?q=" + "x".repeat(300));
        assertThat(page.element("users-error").getText()).contains("at most 256 characters").contains("(invalidRequest)");

        page.open("users.xhtml?q=" + word + "-rename");
        page.click(browser.driver().findElement(By.cssSelector("#users tr[data-user-id='" + member.id() + "'] a")));
        page.element("new-upn").sendKeys(taken.userPrincipalName());
        page.click("change-upn");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("already exists").contains("nameAlreadyExists"));
        assertThat(page.element("new-upn").getDomProperty("value")).as("the name typed is kept").isEqualTo(taken.userPrincipalName());
        assertThat(page.element("user-upn").getText()).isEqualTo(member.userPrincipalName());

        String renamed = "admin-dir-renamed-" + UUID.randomUUID().toString().substring(0, 8) + "@" + KeywardAdmin.DOMAIN;
        page.element("new-upn").clear();
        page.element("new-upn").sendKeys(renamed);
        page.click("change-upn");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Changed the account name to " + renamed));
        assertThat(page.element("user-upn").getText()).isEqualTo(renamed);
        assertThat(admin.send("GET", "/users/" + member.id(), null).body().path("userPrincipalName").asText()).isEqualTo(renamed);
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-2-user-upn", "new-upn", "change-upn");
        }
    }

    @Test
    void anAdministratorAddsAMemberToAGroupAndRemovesIt() throws Exception {
        KeywardAdmin.User member = admin.newMember("admin-dir-joiner");
        KeywardAdmin.User ga = withPasskeyAndRole("admin-dir-groups", GLOBAL_ADMINISTRATOR);
        String groupName = "E2E pilot-" + UUID.randomUUID().toString().substring(0, 8);

        AdminCenterPage page = signIn(ga);
        page.open("groups.xhtml");
        page.click("create-group");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Enter the new group's name"));
        page.element("new-group-name").sendKeys(groupName);
        page.element("new-group-description").sendKeys("The first people with passkeys");
        page.click("create-group");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Created the security group " + groupName));
        String group = browser.driver().getCurrentUrl().replaceFirst(".*[?&]id=([^&]+).*", "$1");
        com.fasterxml.jackson.databind.JsonNode created = admin.send("GET", "/groups/" + group, null).body();
        assertThat(created.path("displayName").asText()).isEqualTo(groupName);
        assertThat(created.path("securityEnabled").asBoolean()).as("a security group, which policies can target").isTrue();
        assertThat(created.path("mailEnabled").asBoolean()).isFalse();

        page.open("groups.xhtml?q=" + groupName.substring("E2E ".length()));
        assertThat(browser.driver().findElements(By.cssSelector("#groups tr[data-group-id='" + group + "']"))).hasSize(1);
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-3-groups", "q", "search");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        page.click(browser.driver().findElement(By.cssSelector("#groups tr[data-group-id='" + group + "'] a")));
        assertThat(page.present("no-members")).isTrue();

        page.element("new-member").sendKeys("nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@" + KeywardAdmin.DOMAIN);
        page.click("add-member");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("There is no user with the account name"));

        page.element("new-member").clear();
        page.element("new-member").sendKeys(member.userPrincipalName());
        page.click("add-member");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Added " + member.userPrincipalName()));
        assertThat(browser.driver().findElements(By.cssSelector("#members li[data-member-id='" + member.id() + "']"))).hasSize(1);
        assertThat(admin.send("GET", "/groups/" + group + "/members", null).body().path("value").findValuesAsText("id")).containsExactly(member.id());
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-4-group", "new-member", "add-member");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);

        page.click(browser.driver().findElement(By.cssSelector("#members li[data-member-id='" + member.id() + "'] input.member-remove")));
        assertThat(page.present("no-members")).isTrue();
        assertThat(admin.send("GET", "/groups/" + group + "/members", null).body().path("value")).isEmpty();
    }

    @Test
    void anAdministratorInvitesAGuestAndTheRedeemLinkIsShownOnce() throws Exception {
        KeywardAdmin.User ga = withPasskeyAndRole("admin-dir-invites", GLOBAL_ADMINISTRATOR);
        String email = "admin-dir-guest-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example";

        AdminCenterPage page = signIn(ga);
        page.open("guests.xhtml");
        page.element("invite-email").sendKeys(email);
        page.element("invite-name").sendKeys("Partner Guest");
        page.click("invite");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Invited " + email));
        String redeem = page.element("redeem-url").getText();
        assertThat(redeem).startsWith("http").contains("/invitations/redeem?id=").contains("code=");
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-5-guests", "invite-email", "invite");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);
        page.open("guests.xhtml?q=" + email);
        assertThat(page.present("redeem-url")).as("the link is shown once").isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("#guests tbody tr"))).as("the guest found by their email address")
                .singleElement().satisfies(row -> assertThat(row.getText()).contains("Partner Guest").contains(email).contains("Not accepted yet"));
    }

    /** A self-signed root certificate in PEM, made by the JDK's keytool (as an administrator would export one). */
    private static String rootCertificatePem(java.nio.file.Path dir) throws Exception {
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        java.nio.file.Path store = dir.resolve("root.p12");
        run(keytool, "-genkeypair", "-noprompt", "-alias", "root", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=E2E Admin Dir Root",
                "-validity", "365", "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        return run(keytool, "-exportcert", "-rfc", "-alias", "root", "-keystore", store.toString(), "-storepass", "changeit");
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }

    @Test
    void anAdministratorDefinesAModelWithItsRootAndAFileThatIsNotABlobIsRefusedWithItsReason() throws Exception {
        KeywardAdmin.User ga = withPasskeyAndRole("admin-dir-metadata", GLOBAL_ADMINISTRATOR);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("admin-dir-metadata");
        String pem = rootCertificatePem(dir);
        java.nio.file.Path notABlob = java.nio.file.Files.writeString(dir.resolve("blob.jwt"), "not-a-blob");
        String aaguid = UUID.randomUUID().toString();

        AdminCenterPage page = signIn(ga);
        page.open("metadata.xhtml");
        page.element("blob-file").sendKeys(notABlob.toString());
        page.click("import-blob");
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Keyward refused the change").contains("metadata BLOB").contains("(invalidRequest)"));

        page.element("define-aaguid").sendKeys(aaguid);
        page.element("define-description").sendKeys("E2E Admin Dir Key");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", page.element("define-roots"), pem);
        page.click("define-model");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Defined the model " + aaguid));
        WebElement defined = browser.driver().findElement(By.cssSelector("#defined li[data-aaguid='" + aaguid + "']"));
        assertThat(defined.getText()).contains("E2E Admin Dir Key").contains("CN=E2E Admin Dir Root");
        assertThat(admin.send("GET", admin.betaUrl("/keyward/metadata/statements"), null).body()
                .path("value").findValuesAsText("aaGuid")).contains(aaguid);
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-10-metadata-defined", "metadata-heading", "define-model");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);

        page.click(defined.findElement(By.cssSelector("input.defined-remove")));
        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Removed the model " + aaguid));
        assertThat(browser.driver().findElements(By.cssSelector("#defined li[data-aaguid='" + aaguid + "']"))).isEmpty();
    }

    @Test
    void aGlobalReaderSeesTheDashboardAndTheInventoryAndPreviewsAnAllowListButCannotTurnItOn() throws Exception {
        KeywardAdmin.User reader = withPasskeyAndRole("admin-dir-reader", GLOBAL_READER);
        JsonNode before = policy();

        AdminCenterPage page = signIn(reader);
        page.open("index.xhtml");
        long users = Long.parseLong(page.element("users-total").getText());
        long withPasskey = Long.parseLong(page.element("users-with-passkey").getText());
        assertThat(users).isGreaterThanOrEqualTo(withPasskey);
        assertThat(withPasskey).as("at least the reader has a passkey").isPositive();
        assertThat(browser.driver().findElements(By.cssSelector("#sign-ins-per-day tbody tr"))).as("one row a day").hasSize(14);
        assertThat(browser.driver().executeScript("return (document.getElementById('sign-ins-per-day').compareDocumentPosition("
                + "document.getElementById('refusals-heading')) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;"))
                .as("the refusals section comes after the sign-ins table (the table's markup is closed)").isEqualTo(true);
        assertThat(Long.parseLong(page.element("sign-ins-total").getDomAttribute("data-total"))).as("the reader's own sign-in at least").isPositive();
        List<String> navigation = browser.driver().findElements(By.cssSelector("nav.admin-nav a")).stream()
                .map(a -> a.getDomAttribute("id").substring("nav-".length())).filter(id -> !id.equals("dashboard")).toList();
        assertThat(browser.driver().findElements(By.cssSelector("#pages li")).stream().map(li -> li.getDomAttribute("data-page")).toList())
                .as("the dashboard lists every other page of the navigation").isEqualTo(navigation).hasSize(11).contains("passkey-profiles");
        assertThat(page.element("pages").getText()).contains("Sign-in log: every sign-in and refusal");
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            page.open("index.xhtml");
            look(width, "admin-dir-6-dashboard", "dashboard-heading", "coverage-heading");
            page.open("inventory.xhtml?since=30d");
            look(width, "admin-dir-7-inventory", "inventory-heading", "inventory-chart");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);

        assertThat(page.present("allow-list-read-only")).isTrue();
        page.click("preview-allow-list");
        assertThat(page.present("lockout-preview")).as("a Global Reader may preview").isTrue();
        assertThat(page.element("apply-allow-list").isEnabled()).as("Turn on for a Global Reader").isFalse();
        look(PageChecks.Width.DESKTOP, "admin-dir-8-reader-allow-list", "allow-list-read-only");

        browser.driver().executeScript("document.getElementById('apply-allow-list').removeAttribute('disabled');");
        page.click("apply-allow-list");

        assertThat(page.messages()).anySatisfy(m -> assertThat(m).contains("Your role does not allow this change").contains("Authorization_RequestDenied"));
        assertThat(policy().path("keyRestrictions")).as("the policy after the forged change").isEqualTo(before.path("keyRestrictions"));

        page.open("metadata.xhtml");
        assertThat(page.present("metadata-read-only")).isTrue();
        assertThat(page.element("import-blob").isEnabled()).as("Import for a Global Reader").isFalse();
        assertThat(page.present("define-model")).as("Define for a Global Reader").isFalse();
        for (PageChecks.Width width : PageChecks.Width.values()) {
            PageChecks.use(browser.driver(), width);
            look(width, "admin-dir-9-metadata", "metadata-heading", "blob-heading");
        }
        PageChecks.use(browser.driver(), PageChecks.Width.DESKTOP);

        page.open("groups.xhtml");
        assertThat(page.present("new-group-read-only")).isTrue();
        assertThat(page.element("create-group").isEnabled()).as("Create the group for a Global Reader").isFalse();

        page.open("group.xhtml?id=" + admin.securityGroup("admin-dir-reader-group"));
        assertThat(page.present("members-read-only")).isTrue();
        assertThat(page.element("add-member").isEnabled()).isFalse();
    }
}
