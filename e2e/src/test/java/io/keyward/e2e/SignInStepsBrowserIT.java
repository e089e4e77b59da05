package io.keyward.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in page one step at a time: the name, then a passkey for that name, other ways behind a link; focus where
 * the next thing to do is; the organization's branding.
 */
class SignInStepsBrowserIT extends BrowserScenario {

    @Test
    void theNameFieldHasTheFocusWhenThePageOpens() {
        SignInPage page = signInPage();

        assertThat(page.focusedId()).isEqualTo("signin-name");
        assertThat(page.step()).isEqualTo("name");
    }

    @Test
    void afterNextOnlyThePasskeyIsOfferedWithOneWording() throws Exception {
        KeywardAdmin.User user = admin.newMember("one-step");
        SignInPage page = signInPage();

        page.enterName(user.userPrincipalName());

        assertThat(page.step()).isEqualTo("passkey");
        assertThat(page.visibleControls()).containsExactly("Use another account", "Sign in with a passkey", "Other ways to sign in");
        assertThat(page.focusedId()).isEqualTo("signin-user-passkey");
        assertThat(page.passwordOffered()).as("password before asking for other ways").isFalse();
    }

    @Test
    void otherWaysToSignInOfferTheTemporaryAccessPassAndThePasswordEachOnItsOwnStep() throws Exception {
        KeywardAdmin.User user = admin.newMember("other-ways");
        SignInPage page = signInPage();
        page.enterName(user.userPrincipalName());

        page.otherWays();

        assertThat(page.step()).isEqualTo("other");
        assertThat(page.visibleControls()).containsExactly("Use another account", "Temporary Access Pass", "Password",
                "Sign in with a passkey instead");
        assertThat(page.focusedId()).isEqualTo("signin-choose-tap");
        browser.driver().findElement(By.id("signin-choose-tap")).click();
        assertThat(page.visibleControls()).containsExactly("Use another account", "input#signin-tap", "Sign in", "Other ways to sign in");
        assertThat(page.focusedId()).isEqualTo("signin-tap");
    }

    @Test
    void escapeGoesBackOneStep() throws Exception {
        KeywardAdmin.User user = admin.newMember("escape-step");
        SignInPage page = signInPage();
        page.enterName(user.userPrincipalName());
        page.otherWays();

        new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();

        assertThat(page.step()).isEqualTo("passkey");
        assertThat(page.focusedId()).isEqualTo("signin-user-passkey");
    }

    @Test
    void aMissingNameIsAskedForInPlainWords() {
        SignInPage page = signInPage();

        browser.driver().findElement(By.id("signin-next")).click();

        assertThat(page.message().reason()).isEqualTo("userNameRequired");
        PageChecks.assertPlainWords("the words shown", page.message().text());
        assertThat(page.focusedId()).isEqualTo("signin-name");
    }

    @Test
    void aWrongPassIsRefusedInPlainWordsAndTheFieldKeepsTheFocus() throws Exception {
        KeywardAdmin.User user = admin.newMember("wrong-pass");

        SignInPage.Outcome outcome = signInPage().signInWithTemporaryAccessPass(user.userPrincipalName(), "not-the-pass");

        assertSignInRefused(user, outcome, "unauthenticated");
        assertThat(SignInPage.attach(browser.driver(), baseUrl).focusedId()).isEqualTo("signin-tap");
    }

    @Test
    void thePagesShowTheOrganizationsNameLogoAndReadableColors(KeywardServer server) throws Exception {
        Assumptions.assumeTrue(server.branded(), "the suite's own server carries the branding");
        signInPage();

        assertThat(browser.driver().findElement(By.id("brand-name")).getText()).isEqualTo(KeywardServer.BRAND_NAME);
        assertThat(browser.driver().getTitle()).isEqualTo("Sign in \u00b7 " + KeywardServer.BRAND_NAME);
        WebElement logo = browser.driver().findElement(By.id("brand-logo"));
        assertThat(logo.isDisplayed()).isTrue();
        assertThat((Long) browser.driver().executeScript("return arguments[0].naturalWidth;", logo)).as("logo loaded").isPositive();
        assertThat(browser.driver().findElement(By.cssSelector("header.bar")).getCssValue("background-color"))
                .isEqualTo("rgba(36, 58, 94, 1)");
        // #ffb900 is too light for white text: the Next button's color was darkened to pass AA.
        assertThat(browser.driver().findElement(By.id("signin-next")).getCssValue("background-color")).isNotEqualTo("rgba(255, 185, 0, 1)");
        assertThat(PageChecks.contrastFailures(browser.driver())).as("text below WCAG AA contrast").isEmpty();
    }
}
