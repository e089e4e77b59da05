package io.keyward.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the browser scenarios: the shared Keyward ({@link KeywardServer}), one headless Chromium per class, the
 * Graph API to arrange data. After each scenario the tab loses its authenticators and cookies and the passkey
 * policy is reset to the default; a failed scenario leaves a screenshot and the page's HTML in
 * {@code target/e2e-logs}.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KeywardServer.Extension.class, BrowserScenario.EvidenceOnFailure.class})
abstract class BrowserScenario {

    protected String baseUrl;
    protected KeywardAdmin admin;
    protected BrowserSession browser;

    @BeforeAll
    void openBrowser(KeywardServer server) throws IOException {
        baseUrl = server.baseUrl();
        admin = new KeywardAdmin(server.bootstrap());
        browser = BrowserSession.open();
    }

    @AfterEach
    void resetBrowserAndPolicy() throws Exception {
        PageChecks.reset(browser.driver());
        browser.reset();
        admin.resetPasskeyPolicy();
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    SignInPage signInPage() {
        return SignInPage.open(browser.driver(), baseUrl);
    }

    /** Signs in with the user's Temporary Access Pass, which lands on Security info. */
    SecurityInfoPage signInWithTemporaryAccessPass(KeywardAdmin.User user) {
        SignInPage.Outcome outcome = signInPage().signInWithTemporaryAccessPass(user.userPrincipalName(), user.temporaryAccessPass());
        assertThat(outcome.signedIn()).as("Temporary Access Pass sign-in of %s: %s", user.userPrincipalName(), outcome).isTrue();
        return outcome.securityInfo();
    }

    /**
     * Opens Security info for the user, signed in with their pass through the sign-in API from the tab (the request the
     * sign-in page's pass step makes), so that scenarios about Security info do not depend on the sign-in page's steps.
     */
    SecurityInfoPage openSecurityInfo(KeywardAdmin.User user) {
        browser.driver().get(baseUrl + "/assets/keyward.css");
        Object status = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/signin/temporary-access-pass', { method: 'POST', credentials: 'same-origin',
                    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
                    body: JSON.stringify({ userPrincipalName: arguments[0], temporaryAccessPass: arguments[1] }) })
                  .then((r) => done(r.status), (e) => done(String(e)));""", user.userPrincipalName(), user.temporaryAccessPass());
        assertThat(status).as("pass sign-in of %s", user.userPrincipalName()).isEqualTo(200L);
        browser.driver().get(baseUrl + "/myaccount");
        return SecurityInfoPage.attach(browser.driver(), baseUrl).forUser(user.id());
    }

    /** A passkey a user registered in Security info (after a Temporary Access Pass sign-in). */
    record Registered(KeywardAdmin.User user, VirtualKey key, String passkeyId) {
    }

    /**
     * Signs {@code user} in with their pass, adds a passkey with {@code key} (already on the tab) and ends the
     * session. Not through "Sign out": the sign-in page it leads to would offer a platform passkey in the autofill,
     * which Chrome's virtual environment accepts at once.
     */
    Registered registerPasskey(KeywardAdmin.User user, VirtualKey key) {
        SecurityInfoPage securityInfo = openSecurityInfo(user);
        Message added = securityInfo.addPasskey();
        assertThat(added.outcome()).as("adding a passkey: %s", added).isEqualTo("success");
        String passkeyId = securityInfo.passkeys().get(0).id();
        browser.endSession();
        return new Registered(user, key, passkeyId);
    }

    /** A new member with a passkey on a new virtual security key. */
    Registered memberWithPasskey(String label) throws Exception {
        KeywardAdmin.User user = admin.newMember(label);
        return registerPasskey(user, browser.addSecurityKey());
    }

    /** Asserts that the page refused the sign-in with {@code reason}, in words, and that the sign-in log says why. */
    void assertSignInRefused(KeywardAdmin.User user, SignInPage.Outcome outcome, String reason) throws Exception {
        assertThat(outcome.signedIn()).as("sign-in of %s: %s", user.userPrincipalName(), outcome).isFalse();
        assertThat(outcome.refusal().reason()).as("data-reason of %s", outcome.refusal()).isEqualTo(reason);
        PageChecks.assertPlainWords("the words shown", outcome.refusal().text());
        assertThat(admin.signInRefusalReasons(user.id())).as("reason codes in the sign-in log of %s", user.userPrincipalName())
                .contains(reason);
    }

    /** Asserts that Security info refused to add a passkey with {@code reason}, in words, and lists none. */
    static void assertRegistrationRefused(SecurityInfoPage securityInfo, Message message, String reason) {
        assertThat(message.outcome()).as("%s", message).isEqualTo("refused");
        assertThat(message.reason()).as("data-reason of %s", message).isEqualTo(reason);
        PageChecks.assertPlainWords("the words shown", message.text());
        assertThat(securityInfo.passkeys()).as("passkeys listed after the refusal").isEmpty();
    }

    /** As {@link #assertRegistrationRefused}, and the refusal is in the directory audit log with its reason code. */
    void assertRegistrationRefusedAndAudited(KeywardAdmin.User user, SecurityInfoPage securityInfo, Message message, String reason)
            throws Exception {
        assertRegistrationRefused(securityInfo, message, reason);
        assertThat(admin.registrationRefusalReasons(user.id())).as("refused registrations of %s in the audit log", user.userPrincipalName())
                .contains(reason);
    }

    /**
     * Asserts that Security info offers no "Add a passkey" and says why, with {@code reason}, as soon as it is open
     * (before any click), in plain words.
     */
    static void assertAddUnavailable(SecurityInfoPage securityInfo, String reason) {
        assertThat(securityInfo.addOffered()).as("Add a passkey offered").isFalse();
        Message why = securityInfo.addUnavailable();
        assertThat(why.outcome()).as("%s", why).isEqualTo("unavailable");
        assertThat(why.reason()).as("data-reason of %s", why).isEqualTo(reason);
        PageChecks.assertPlainWords("why Add is unavailable", why.text());
    }

    /** Saves the browser's screenshot and page when a scenario fails, before the tab is reset. */
    static final class EvidenceOnFailure implements AfterTestExecutionCallback {

        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isPresent()
                    && context.getRequiredTestInstance() instanceof BrowserScenario scenario && scenario.browser != null) {
                scenario.browser.saveEvidence(context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName());
            }
        }
    }
}
