package io.keyward.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step of the sign-in page and the states of Security info at desktop and phone width: saved as screenshots
 * under {@code target/screenshots/} (to look at), and checked on each: text contrast (WCAG AA), no sideways
 * scrolling, no jargon in what is shown.
 */
class PageScreenshotsBrowserIT extends BrowserScenario {

    @ParameterizedTest
    @EnumSource(PageChecks.Width.class)
    void signInSteps(PageChecks.Width width) throws Exception {
        KeywardAdmin.User user = admin.newMember("screens-" + width.name().toLowerCase());
        PageChecks.use(browser.driver(), width);
        SignInPage page = signInPage();
        look(width, "signin-1-name", "signin-next", "signin-passkey");

        page.enterName(user.userPrincipalName());
        look(width, "signin-2-passkey", "signin-user-passkey", "signin-other-ways");

        page.otherWays();
        look(width, "signin-3-other-ways", "signin-choose-tap", "signin-choose-password");

        browser.driver().findElement(By.id("signin-choose-tap")).click();
        browser.driver().findElement(By.id("signin-tap")).sendKeys("wrong");
        browser.driver().findElement(By.id("signin-tap-submit")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), SignInPage.WAIT)
                .until(d -> d.findElement(By.id("signin-message")).isDisplayed());
        look(width, "signin-4-pass-refused", "signin-tap-submit");
    }

    @ParameterizedTest
    @EnumSource(PageChecks.Width.class)
    void securityInfoStates(PageChecks.Width width) throws Exception {
        KeywardAdmin.User user = admin.newMember("screens-security-info-" + width.name().toLowerCase());
        PageChecks.use(browser.driver(), width);
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);
        look(width, "security-info-1-welcome", "sign-out", "add-passkey");

        VirtualKey key = browser.addSecurityKey();
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        key.remove();
        VirtualKey synced = browser.addSyncedPasskeyProvider();
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        look(width, "security-info-2-two-passkeys", "sign-out");

        admin.changePasskeyPolicy(Map.of("passkeyProfiles", List.of(Map.of("id", KeywardAdmin.DEFAULT_PROFILE, "passkeyTypes", "deviceBound"))));
        securityInfo = securityInfo.reload();
        List<WebElement> items = browser.driver().findElements(By.cssSelector("#passkeys > li.passkey"));
        items.get(0).findElement(By.className("passkey-rename")).click();
        items.get(1).findElement(By.className("passkey-delete")).click();
        look(width, "security-info-3-blocked-rename-delete", "sign-out");
        assertThat(securityInfo.passkeys()).extracting(SecurityInfoPage.Passkey::state).containsExactly("usable", "blocked");

        admin.changePasskeyPolicy(Map.of("state", "disabled"));
        securityInfo.reload();
        look(width, "security-info-4-passkeys-off", "sign-out");

        // Without authenticators, so that Chrome's virtual environment does not pick a passkey from the autofill at once.
        synced.remove();
        securityInfo.signOut();
        look(width, "signin-5-signed-out", "signin-next");
        assertThat(SignInPage.attach(browser.driver(), baseUrl).message().reason()).isEqualTo("signedOut");
    }

    @ParameterizedTest
    @EnumSource(PageChecks.Width.class)
    void invitation(PageChecks.Width width) throws Exception {
        KeywardAdmin.Invitation invitation = admin.invitation();
        PageChecks.use(browser.driver(), width);

        browser.driver().get(invitation.redeemUrl());
        PageChecks.screenshot(browser.driver(), width, "invitation-1-accepted");
        assertThat(PageChecks.contrastFailures(browser.driver())).isEmpty();
        PageChecks.assertFitsTheWidth(browser.driver(), "invitation-sign-in");

        browser.driver().get(invitation.redeemUrl());
        PageChecks.screenshot(browser.driver(), width, "invitation-2-again");
        assertThat(PageChecks.contrastFailures(browser.driver())).isEmpty();
    }

    /** Saves the screenshot, then checks contrast, width and words. */
    private void look(PageChecks.Width width, String name, String... onScreenIds) {
        PageChecks.screenshot(browser.driver(), width, name);
        assertThat(PageChecks.contrastFailures(browser.driver())).as("%s at %s: text below WCAG AA contrast", name, width).isEmpty();
        PageChecks.assertFitsTheWidth(browser.driver(), onScreenIds);
        PageChecks.assertPlainWords(name + " as shown", PageChecks.visibleText(browser.driver()));
    }
}
