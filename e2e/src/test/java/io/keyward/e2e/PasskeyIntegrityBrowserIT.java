package io.keyward.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.Credential;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to a passkey itself: the user's name changes, an administrator deletes it, the authenticator
 * answers wrongly (CDP response-override bits), a clone presents an old signature counter.
 */
class PasskeyIntegrityBrowserIT extends BrowserScenario {

    @Test
    void passkeyKeepsSigningInAfterTheUpnChangesAndIsFlaggedInSecurityInfo() throws Exception {
        Registered registered = memberWithPasskey("renamed-user");
        String oldUpn = registered.user().userPrincipalName();
        String newUpn = "renamed-" + oldUpn;
        admin.changeUserPrincipalName(registered.user().id(), newUpn);

        SignInPage.Outcome outcome = signInPage().signInWithPasskey();

        assertThat(outcome.signedIn()).as("%s", outcome).isTrue();
        assertThat(outcome.securityInfo().userPrincipalName()).isEqualTo(newUpn);
        assertThat(outcome.securityInfo().passkeys()).singleElement().extracting(SecurityInfoPage.Passkey::previousUpnFlag)
                .asString().contains("Registered under your previous user name (" + oldUpn + ")");
    }

    @Test
    void passkeyDeletedByAnAdministratorNoLongerSignsIn() throws Exception {
        Registered registered = memberWithPasskey("deleted");
        admin.deletePasskey(registered.user().id(), registered.passkeyId());

        SignInPage.Outcome outcome = signInPage().signInWithPasskey();

        // The deleted credential no longer names its owner, so only the page can say why.
        assertThat(outcome.signedIn()).as("%s", outcome).isFalse();
        assertThat(outcome.refusal().reason()).isEqualTo("credentialNotFound");
        assertThat(outcome.refusal().text()).contains("not registered");
    }

    @Test
    void assertionWithABogusSignatureIsRefused() throws Exception {
        Registered registered = memberWithPasskey("bogus-signature");
        registered.key().overrideResponses(true, false, false);

        assertSignInRefused(registered.user(), signInPage().signInWithPasskey(), "invalidAssertionResponse");
    }

    @Test
    void assertionWithoutUserPresenceIsRefused() throws Exception {
        Registered registered = memberWithPasskey("no-presence");
        registered.key().overrideResponses(false, false, true);

        assertSignInRefused(registered.user(), signInPage().signInWithPasskey(), "invalidAssertionResponse");
    }

    @Test
    void assertionWithoutUserVerificationIsRefused() throws Exception {
        Registered registered = memberWithPasskey("no-verification");
        registered.key().overrideResponses(false, true, false);

        assertSignInRefused(registered.user(), signInPage().signInWithPasskey(), "invalidAssertionResponse");
    }

    @Test
    void signatureCounterThatGoesBackwardsIsRefusedAndThePasskeyFlagged() throws Exception {
        Registered registered = memberWithPasskey("clone");
        SignInPage.Outcome first = signInPage().signInWithPasskey();
        assertThat(first.signedIn()).as("first sign-in: %s", first).isTrue();
        browser.endSession();
        Credential credential = registered.key().credentials().get(0);
        assertThat(credential.getSignCount()).as("the counter after a sign-in").isPositive();

        registered.key().rewindCounter(credential, 0);

        assertSignInRefused(registered.user(), signInPage().signInWithPasskey(), "signCountRegression");
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(registered.user());
        assertThat(securityInfo.passkeys()).singleElement().satisfies(passkey -> {
            assertThat(passkey.suspectReason()).isEqualTo("signCountRegression");
            assertThat(passkey.suspectFlag()).contains("counter went backwards");
        });
    }
}
