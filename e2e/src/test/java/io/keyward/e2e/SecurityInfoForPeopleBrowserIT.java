package io.keyward.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security info for real people: readable controls (the Delete confirmation), a phone-sized layout, keyboard focus
 * that starts and lands somewhere useful, Esc, keyboard-only use, the first-sign-in welcome, passkeys that do not look
 * alike, and the sign-out confirmation.
 */
class SecurityInfoForPeopleBrowserIT extends BrowserScenario {

    @Test
    void deleteConfirmationIsReadable() throws Exception {
        SecurityInfoPage securityInfo = memberWithOnePasskey("contrast");
        WebElement item = browser.driver().findElement(By.cssSelector("#passkeys > li.passkey"));

        item.findElement(By.className("passkey-delete")).click();

        WebElement confirm = item.findElement(By.className("passkey-delete-confirm"));
        assertThat(confirm.isDisplayed()).isTrue();
        assertThat(confirm.getText()).isEqualTo("Delete");
        assertThat(PageChecks.contrastFailures(browser.driver())).as("text below WCAG AA contrast").isEmpty();
        assertThat(securityInfo.passkeys()).hasSize(1);
    }

    @Test
    void onAPhoneSignOutIsOnScreenAndNothingScrollsSideways() throws Exception {
        // A long name is what pushed Sign out off the screen.
        KeywardAdmin.User user = admin.newMember("a-rather-long-user-name-for-a-phone");
        PageChecks.use(browser.driver(), PageChecks.Width.PHONE);

        openSecurityInfo(user);

        PageChecks.assertFitsTheWidth(browser.driver(), "sign-out", "add-passkey", "account-upn");
    }

    @Test
    void securityInfoFocusesAddAPasskeyOnLoadAndWelcomesAFirstSignIn() throws Exception {
        KeywardAdmin.User user = admin.newMember("first-sign-in");

        SecurityInfoPage securityInfo = openSecurityInfo(user);

        assertThat(securityInfo.welcomeShown()).as("welcome without passkeys").isTrue();
        await(d -> securityInfo.focused().equals("#add-passkey"));
        browser.addSecurityKey();
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        assertThat(securityInfo.welcomeShown()).as("welcome once a passkey exists").isFalse();
    }

    @Test
    void focusMovesToTheNewPasskeyAfterAddingAndStaysWithItAfterRenaming() throws Exception {
        SecurityInfoPage securityInfo = memberWithOnePasskey("focus");
        String id = securityInfo.passkeys().get(0).id();
        assertThat(securityInfo.focusedPasskeyId()).as("focus after adding").isEqualTo(id);
        assertThat(securityInfo.focused()).contains("passkey-name");

        securityInfo.rename(id, "Desk key");

        await(d -> securityInfo.focusedPasskeyId().equals(id) && securityInfo.focused().contains("passkey-rename"));
    }

    @Test
    void focusMovesToTheNextPasskeyAfterDeletingAndToAddAfterTheLast() throws Exception {
        KeywardAdmin.User user = admin.newMember("focus-delete");
        VirtualKey first = browser.addSecurityKey();
        SecurityInfoPage securityInfo = openSecurityInfo(user);
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        first.remove();
        browser.addSecurityKey();
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        String firstId = securityInfo.passkeys().get(0).id();
        String secondId = securityInfo.passkeys().get(1).id();

        securityInfo.delete(firstId);
        await(d -> securityInfo.focusedPasskeyId().equals(secondId));

        securityInfo.delete(secondId);
        await(d -> securityInfo.focused().equals("#add-passkey"));
    }

    @Test
    void escapeCancelsARenameAndKeepsTheName() throws Exception {
        SecurityInfoPage securityInfo = memberWithOnePasskey("escape");
        SecurityInfoPage.Passkey before = securityInfo.passkeys().get(0);
        WebElement item = browser.driver().findElement(By.cssSelector("#passkeys > li.passkey"));
        item.findElement(By.className("passkey-rename")).click();
        WebElement input = item.findElement(By.className("passkey-rename-input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Not saved");

        input.sendKeys(Keys.ESCAPE);

        assertThat(item.findElement(By.className("passkey-rename-form")).isDisplayed()).as("rename form after Esc").isFalse();
        assertThat(securityInfo.focused()).contains("passkey-rename");
        assertThat(securityInfo.passkeys().get(0).name()).isEqualTo(before.name());
        assertThat(admin.passkeys(securityInfo.userId())).singleElement().extracting(p -> p.path("displayName").asText())
                .isEqualTo(before.name());
    }

    @Test
    void addRenameAndDeleteWorkWithTheKeyboardAloneWithVisibleFocus() throws Exception {
        KeywardAdmin.User user = admin.newMember("keyboard");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = openSecurityInfo(user);

        tabTo(el -> "add-passkey".equals(el.getDomAttribute("id")));
        keys(Keys.ENTER);
        await(d -> securityInfo.passkeys().size() == 1 && "ready".equals(d.findElement(By.id("security-info")).getDomAttribute("data-state")));
        String id = securityInfo.passkeys().get(0).id();

        tabTo(el -> String.valueOf(el.getDomAttribute("class")).contains("passkey-rename"));
        keys(Keys.ENTER);
        // The rename field opens with the old name selected: typing replaces it.
        keys("Keyboard key", Keys.ENTER);
        await(d -> securityInfo.passkeys().get(0).name().equals("Keyboard key"));

        tabTo(el -> String.valueOf(el.getDomAttribute("class")).contains("passkey-delete"));
        keys(Keys.ENTER);
        assertThat(securityInfo.focused()).contains("passkey-delete-confirm");
        keys(Keys.ENTER);
        await(d -> securityInfo.passkeys().isEmpty());
        assertThat(admin.passkeys(user.id())).as("passkey %s after deleting by keyboard", id).isEmpty();
    }

    @Test
    void aSecurityKeyAndAPasskeyOnThisDeviceAreNamedAndShownDifferently() throws Exception {
        KeywardAdmin.User user = admin.newMember("naming");
        VirtualKey key = browser.addSecurityKey();
        SecurityInfoPage securityInfo = openSecurityInfo(user);
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        key.remove();
        browser.addPlatformAuthenticator();

        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");

        assertThat(securityInfo.passkeys()).extracting(SecurityInfoPage.Passkey::name, SecurityInfoPage.Passkey::kind,
                SecurityInfoPage.Passkey::kindLabel).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Security key", "securityKey", "Security key"),
                org.assertj.core.groups.Tuple.tuple("Passkey on this device", "device", "Passkey on this device"));
    }

    @Test
    void aSecondSecurityKeyOfTheSameUnknownModelGetsANumber() throws Exception {
        KeywardAdmin.User user = admin.newMember("numbered");
        VirtualKey key = browser.addSecurityKey();
        SecurityInfoPage securityInfo = openSecurityInfo(user);
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        key.remove();
        browser.addSecurityKey();

        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");

        assertThat(securityInfo.passkeys()).extracting(SecurityInfoPage.Passkey::name).containsExactly("Security key", "Security key 2");
    }

    @Test
    void bidiOverrideCharactersTypedIntoANameAreNotKept() throws Exception {
        SecurityInfoPage securityInfo = memberWithOnePasskey("bidi");
        String id = securityInfo.passkeys().get(0).id();

        securityInfo.rename(id, "\u202Eyek krow", "yek krow");

        assertThat(admin.passkeys(securityInfo.userId())).singleElement().extracting(p -> p.path("displayName").asText()).isEqualTo("yek krow");
    }

    @Test
    void signingOutSaysSoOnTheSignInPage() throws Exception {
        KeywardAdmin.User user = admin.newMember("sign-out");
        SecurityInfoPage securityInfo = openSecurityInfo(user);

        SignInPage signIn = securityInfo.signOut();

        Message message = signIn.message();
        assertThat(message.outcome()).isEqualTo("success");
        assertThat(message.text()).startsWith("You have signed out.");
        assertThat(browser.driver().manage().getCookieNamed("keyward_session")).as("session cookie").isNull();
    }

    @Test
    void anEmptyNameIsRefusedInPlainWords() throws Exception {
        SecurityInfoPage securityInfo = memberWithOnePasskey("empty-name");
        WebElement item = browser.driver().findElement(By.cssSelector("#passkeys > li.passkey"));
        item.findElement(By.className("passkey-rename")).click();
        WebElement input = item.findElement(By.className("passkey-rename-input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);

        item.findElement(By.className("passkey-rename-save")).click();

        Message message = securityInfo.message();
        assertThat(message.outcome()).isEqualTo("refused");
        assertThat(message.text()).isEqualTo("Type a name for the passkey.");
        PageChecks.assertPlainWords("the words shown", message.text());
    }

    /** A new member signed in with their pass, with one passkey added on a virtual security key. */
    private SecurityInfoPage memberWithOnePasskey(String label) throws Exception {
        KeywardAdmin.User user = admin.newMember(label);
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = openSecurityInfo(user);
        Message added = securityInfo.addPasskey();
        assertThat(added.outcome()).as("%s", added).isEqualTo("success");
        return securityInfo.forUser(user.id());
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    /** Presses Tab until the focused element matches (at most 40 times), checking that every stop shows its focus. */
    private void tabTo(Predicate<WebElement> target) {
        if (target.test(browser.driver().switchTo().activeElement())) {
            return;
        }
        for (int i = 0; i < 40; i++) {
            keys(Keys.TAB);
            WebElement active = browser.driver().switchTo().activeElement();
            if (!"body".equals(active.getTagName())) {
                assertThat(PageChecks.focusVisible(browser.driver())).as("focus outline on %s.%s", active.getTagName(),
                        active.getDomAttribute("class")).isTrue();
            }
            if (target.test(active)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached the control");
    }

    private void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver(), SignInPage.WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }
}
