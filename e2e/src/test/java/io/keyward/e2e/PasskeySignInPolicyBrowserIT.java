package io.keyward.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policy changes made after a passkey was registered (DESIGN.md §3): which take effect at the next sign-in (state,
 * targets, key restrictions, passkey type) and which do not (attestation enforcement is for registration only).
 */
class PasskeySignInPolicyBrowserIT extends BrowserScenario {

    @Test
    void disablingThePasskeyMethodRefusesSignInWithARegisteredPasskey() throws Exception {
        Registered registered = memberWithPasskey("disabled-later");
        admin.changePasskeyPolicy(Map.of("state", "disabled"));

        assertSignInRefused(registered.user(), signInPage().signInWithPasskey(), "passkeyMethodDisabled");
    }

    @Test
    void excludingTheUserAfterRegistrationRefusesTheirPasskeySignIn() throws Exception {
        Registered registered = memberWithPasskey("excluded-later");
        admin.changePasskeyPolicy(Map.of("excludeTargets", List.of(Map.of("id", registered.user().id(), "targetType", "user"))));

        assertSignInRefused(registered.user(), signInPage().signInWithPasskey(), "userNotInPasskeyPolicyScope");
    }

    @Test
    void aaguidRemovedFromTheAllowListLocksThePasskeyOutUntilItIsAddedBack() throws Exception {
        admin.changePasskeyPolicy(Map.of("keyRestrictions",
                PasskeyRegistrationPolicyBrowserIT.restrictions("allow", VirtualKey.CHROME_AAGUID)));
        Registered registered = memberWithPasskey("allow-list");

        admin.changePasskeyPolicy(Map.of("keyRestrictions",
                PasskeyRegistrationPolicyBrowserIT.restrictions("allow", PasskeyRegistrationPolicyBrowserIT.OTHER_AAGUID)));
        assertSignInRefused(registered.user(), signInPage().signInWithPasskey(), "aaguidNotAllowed");

        admin.changePasskeyPolicy(Map.of("keyRestrictions", PasskeyRegistrationPolicyBrowserIT.restrictions("allow",
                PasskeyRegistrationPolicyBrowserIT.OTHER_AAGUID, VirtualKey.CHROME_AAGUID)));
        SignInPage.Outcome again = signInPage().signInWithPasskey();
        assertThat(again.signedIn()).as("after the AAGUID was added back: %s", again).isTrue();
    }

    @Test
    void blockingTheAaguidAfterRegistrationRefusesSignIn() throws Exception {
        Registered registered = memberWithPasskey("blocked-later");
        admin.changePasskeyPolicy(Map.of("keyRestrictions",
                PasskeyRegistrationPolicyBrowserIT.restrictions("block", VirtualKey.CHROME_AAGUID)));

        assertSignInRefused(registered.user(), signInPage().signInWithPasskeyAs(registered.user().userPrincipalName()),
                "aaguidNotAllowed");
    }

    @Test
    void attestationEnforcedAfterRegistrationStillSignsIn() throws Exception {
        Registered registered = memberWithPasskey("enforced-later");
        admin.changePasskeyPolicy(Map.of("isAttestationEnforced", true));

        SignInPage.Outcome outcome = signInPage().signInWithPasskey();

        assertThat(outcome.signedIn()).as("%s", outcome).isTrue();
        assertThat(outcome.securityInfo().userPrincipalName()).isEqualTo(registered.user().userPrincipalName());
    }

    @Test
    void syncedPasskeyIsRefusedAtSignInOnceProfilesAllowOnlyDeviceBound() throws Exception {
        KeywardAdmin.User user = admin.newMember("synced-later");
        registerPasskey(user, browser.addSyncedPasskeyProvider());
        admin.changePasskeyPolicy(Map.of("passkeyProfiles", List.of(Map.of("id", KeywardAdmin.DEFAULT_PROFILE,
                "passkeyTypes", "deviceBound"))));

        assertSignInRefused(user, signInPage().signInWithPasskey(), "passkeyTypeNotAllowed");
    }

    @Test
    void securityInfoShowsAPasskeyOfABlockedModelAsBlockedBeforeAnySignInAttempt() throws Exception {
        Registered registered = memberWithPasskey("blocked-shown");
        admin.changePasskeyPolicy(Map.of("keyRestrictions",
                PasskeyRegistrationPolicyBrowserIT.restrictions("block", VirtualKey.CHROME_AAGUID)));

        SecurityInfoPage securityInfo = openSecurityInfo(registered.user());

        assertThat(securityInfo.passkeys()).singleElement().satisfies(passkey -> {
            assertThat(passkey.state()).isEqualTo("blocked");
            assertThat(passkey.stateReason()).isEqualTo("aaguidNotAllowed");
            assertThat(passkey.stateText()).contains("Blocked by your organization");
            PageChecks.assertPlainWords("the blocked passkey's state", passkey.stateText());
        });
        assertThat(securityInfo.addOffered()).as("another model may still be added").isTrue();
    }

    @Test
    void securityInfoShowsPasskeysBlockedAndNoAddWhenPasskeysAreTurnedOff() throws Exception {
        Registered registered = memberWithPasskey("off-shown");
        admin.changePasskeyPolicy(Map.of("state", "disabled"));

        SecurityInfoPage securityInfo = openSecurityInfo(registered.user());

        assertThat(securityInfo.passkeys()).singleElement().satisfies(passkey -> {
            assertThat(passkey.state()).isEqualTo("blocked");
            assertThat(passkey.stateReason()).isEqualTo("passkeyMethodDisabled");
        });
        assertAddUnavailable(securityInfo, "passkeyMethodDisabled");
    }

    @Test
    void securityInfoShowsASyncedPasskeyBlockedOnceProfilesAllowOnlyDeviceBound() throws Exception {
        KeywardAdmin.User user = admin.newMember("synced-shown");
        registerPasskey(user, browser.addSyncedPasskeyProvider());
        admin.changePasskeyPolicy(Map.of("passkeyProfiles", List.of(Map.of("id", KeywardAdmin.DEFAULT_PROFILE,
                "passkeyTypes", "deviceBound"))));

        SecurityInfoPage securityInfo = openSecurityInfo(user);

        assertThat(securityInfo.passkeys()).singleElement().satisfies(passkey -> {
            assertThat(passkey.state()).isEqualTo("blocked");
            assertThat(passkey.stateReason()).isEqualTo("passkeyTypeNotAllowed");
            assertThat(passkey.stateText()).contains("does not allow synced passkeys");
        });
    }

    @Test
    void securityInfoShowsAnAllowedPasskeyAsUsable() throws Exception {
        Registered registered = memberWithPasskey("usable-shown");

        SecurityInfoPage securityInfo = openSecurityInfo(registered.user());

        assertThat(securityInfo.passkeys()).singleElement().satisfies(passkey -> {
            assertThat(passkey.state()).isEqualTo("usable");
            assertThat(passkey.stateText()).contains("Can sign you in");
        });
    }
}
