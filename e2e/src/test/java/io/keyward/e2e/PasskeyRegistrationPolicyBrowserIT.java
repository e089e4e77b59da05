package io.keyward.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding a passkey in Security info under each policy setting (DESIGN.md §3): who may register, and which
 * passkeys are accepted. Each refusal is shown in words with its reason code: a refusal about the person (method off,
 * outside the targets, self-service off, guest) up front, in place of "Add a passkey"; a refusal about the
 * authenticator once it has answered.
 */
class PasskeyRegistrationPolicyBrowserIT extends BrowserScenario {

    @Test
    void disabledPasskeyMethodOffersNoAddAndSaysWhyUpFront() throws Exception {
        admin.changePasskeyPolicy(Map.of("state", "disabled"));
        KeywardAdmin.User user = admin.newMember("disabled");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        assertAddUnavailable(securityInfo, "passkeyMethodDisabled");
    }

    @Test
    void memberOfAnIncludedSecurityGroupCanRegister() throws Exception {
        KeywardAdmin.User user = admin.newMember("included");
        String group = admin.securityGroup("pilot", user.id());
        admin.changePasskeyPolicy(Map.of("includeTargets", List.of(includeGroup(group))));
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        Message message = securityInfo.addPasskey();

        assertThat(message.outcome()).as("%s", message).isEqualTo("success");
        assertThat(securityInfo.passkeys()).hasSize(1);
    }

    @Test
    void userOutsideEveryIncludeTargetIsToldUpFrontTheyCannotAdd() throws Exception {
        KeywardAdmin.User insider = admin.newMember("insider");
        KeywardAdmin.User outsider = admin.newMember("outsider");
        admin.changePasskeyPolicy(Map.of("includeTargets", List.of(includeGroup(admin.securityGroup("pilot", insider.id())))));
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(outsider);

        assertAddUnavailable(securityInfo, "userNotInPasskeyPolicyScope");
    }

    @Test
    void excludedUserIsToldUpFrontTheyCannotAddThoughAllUsersAreIncluded() throws Exception {
        KeywardAdmin.User user = admin.newMember("excluded");
        String group = admin.securityGroup("no-passkeys", user.id());
        admin.changePasskeyPolicy(Map.of("excludeTargets", List.of(Map.of("id", group, "targetType", "group"))));
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        assertAddUnavailable(securityInfo, "userNotInPasskeyPolicyScope");
    }

    @Test
    void selfServiceOffOffersNoAddAndSaysWhyUpFront() throws Exception {
        admin.changePasskeyPolicy(Map.of("isSelfServiceRegistrationAllowed", false));
        KeywardAdmin.User user = admin.newMember("no-self-service");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        assertAddUnavailable(securityInfo, "selfServiceRegistrationDisabled");
    }

    @Test
    void allowListWithChromesAaguidAcceptsTheVirtualKey() throws Exception {
        admin.changePasskeyPolicy(Map.of("keyRestrictions", restrictions("allow", VirtualKey.CHROME_AAGUID)));
        KeywardAdmin.User user = admin.newMember("allowed");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        Message message = securityInfo.addPasskey();

        assertThat(message.outcome()).as("%s", message).isEqualTo("success");
        assertThat(securityInfo.passkeys()).singleElement().extracting(SecurityInfoPage.Passkey::aaguid)
                .isEqualTo(VirtualKey.CHROME_AAGUID);
    }

    @Test
    void allowListWithoutChromesAaguidRefusesTheVirtualKey() throws Exception {
        admin.changePasskeyPolicy(Map.of("keyRestrictions", restrictions("allow", OTHER_AAGUID)));
        KeywardAdmin.User user = admin.newMember("not-allowed");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        assertRegistrationRefusedAndAudited(user, securityInfo, securityInfo.addPasskey(), "aaguidNotAllowed");
    }

    @Test
    void blockListWithChromesAaguidRefusesTheVirtualKey() throws Exception {
        admin.changePasskeyPolicy(Map.of("keyRestrictions", restrictions("block", VirtualKey.CHROME_AAGUID)));
        KeywardAdmin.User user = admin.newMember("blocked");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        assertRegistrationRefusedAndAudited(user, securityInfo, securityInfo.addPasskey(), "aaguidNotAllowed");
    }

    @Test
    void enforcedAttestationRefusesChromesSelfSignedPackedAttestation() throws Exception {
        admin.changePasskeyPolicy(Map.of("isAttestationEnforced", true));
        KeywardAdmin.User user = admin.newMember("untrusted");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        // Chrome's batch certificate is self-signed and no metadata names it: packed, but not trusted.
        assertRegistrationRefusedAndAudited(user, securityInfo, securityInfo.addPasskey(), "attestationNotTrusted");
    }

    @Test
    void enforcedAttestationAcceptsPackedAttestationTheMetadataTrusts() throws Exception {
        GraphClient.Reply defined = admin.send("POST", admin.betaUrl("/keyward/metadata/statements"), Map.of(
                "aaGuid", VirtualKey.CHROME_AAGUID, "description", "Chrome virtual authenticator",
                "trustedAttestationPublicKeys", List.of(VirtualKey.CHROME_BATCH_PUBLIC_KEY)));
        assertThat(defined.status()).as("defining metadata: %s", defined.body()).isEqualTo(201);
        try {
            admin.changePasskeyPolicy(Map.of("isAttestationEnforced", true));
            KeywardAdmin.User user = admin.newMember("trusted");
            browser.addSecurityKey();
            SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

            Message message = securityInfo.addPasskey();

            assertThat(message.outcome()).as("%s", message).isEqualTo("success");
            assertThat(securityInfo.passkeys()).singleElement().extracting(SecurityInfoPage.Passkey::model)
                    .isEqualTo("Chrome virtual authenticator");
        } finally {
            // Other scenarios rely on Chrome's attestation being untrusted.
            admin.send("DELETE", admin.betaUrl("/keyward/metadata/statements/" + VirtualKey.CHROME_AAGUID), null);
        }
    }

    @Test
    void syncedPasskeyIsAcceptedByTheDefaultProfile() throws Exception {
        KeywardAdmin.User user = admin.newMember("synced");
        browser.addSyncedPasskeyProvider();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        Message message = securityInfo.addPasskey();

        assertThat(message.outcome()).as("%s", message).isEqualTo("success");
        assertThat(securityInfo.passkeys()).singleElement().extracting(SecurityInfoPage.Passkey::passkeyType).isEqualTo("synced");
    }

    @Test
    void deviceBoundOnlyProfileRefusesASyncedPasskey() throws Exception {
        admin.changePasskeyPolicy(Map.of("passkeyProfiles", List.of(Map.of("id", KeywardAdmin.DEFAULT_PROFILE,
                "passkeyTypes", "deviceBound"))));
        KeywardAdmin.User user = admin.newMember("synced-refused");
        browser.addSyncedPasskeyProvider();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        assertRegistrationRefusedAndAudited(user, securityInfo, securityInfo.addPasskey(), "passkeyTypeNotAllowed");
    }

    @Test
    void invitedGuestIsToldUpFrontTheyCannotAddAPasskey() throws Exception {
        KeywardAdmin.User guest = admin.invitedGuest();
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(guest);

        assertAddUnavailable(securityInfo, "guestUserNotSupported");
    }

    /** An AAGUID that is not Chrome's (YubiKey 5 NFC). */
    static final String OTHER_AAGUID = "fa2b99dc-9e39-4257-8f92-4a30d23c4118";

    static Map<String, Object> includeGroup(String groupId) {
        return Map.of("id", groupId, "targetType", "group", "isRegistrationRequired", false);
    }

    static Map<String, Object> restrictions(String enforcementType, String... aaguids) {
        return Map.of("isEnforced", true, "enforcementType", enforcementType, "aaGuids", List.of(aaguids));
    }
}
