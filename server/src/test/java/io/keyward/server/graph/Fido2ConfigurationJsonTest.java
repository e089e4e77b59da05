package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.Aaguids;
import io.keyward.server.policy.EnforcementType;
import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.IncludeTarget;
import io.keyward.server.policy.KeyRestrictions;
import io.keyward.server.policy.MethodState;
import io.keyward.server.policy.PasskeyProfile;
import io.keyward.server.policy.StoredFido2Configuration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Fido2ConfigurationJsonTest {

    static final String TYPE = "\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\"";
    static final UUID YUBIKEY = UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8");

    static Fido2Configuration patch(Fido2Configuration current, String json) throws Exception {
        return Fido2ConfigurationJson.patch((ObjectNode) GraphJson.MAPPER.readTree(json)).apply(current);
    }

    @Test
    void propertiesLeftOutKeepTheirValues() throws Exception {
        Fido2Configuration current = Fido2Configuration.defaults().withAttestationEnforced(true);

        Fido2Configuration next = patch(current, "{" + TYPE + ",\"state\":\"disabled\"}");

        assertThat(next.state()).isEqualTo(MethodState.disabled);
        assertThat(next.attestationEnforced()).isTrue();
        assertThat(next.includeTargets()).isEqualTo(current.includeTargets());
    }

    @Test
    void booleansMayBeStrings() throws Exception {
        Fido2Configuration next = patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"isAttestationEnforced\":\"true\","
                + "\"isSelfServiceRegistrationAllowed\":\"false\",\"keyRestrictions\":{\"isEnforced\":\"true\"}}");

        assertThat(next.attestationEnforced()).isTrue();
        assertThat(next.selfServiceRegistrationAllowed()).isFalse();
        assertThat(next.keyRestrictions().enforced()).isTrue();
    }

    @Test
    void odataTypeIsRequired() {
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{\"state\":\"disabled\"}"))
                .isInstanceOf(Refused.class).hasMessageContaining("@odata.type");
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{\"@odata.type\":\"#microsoft.graph.smsAuthenticationMethodConfiguration\"}"))
                .isInstanceOf(Refused.class).hasMessageContaining("does not match");
    }

    @Test
    void aaguidsAreNormalizedAndDeduplicated() throws Exception {
        Fido2Configuration next = patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"keyRestrictions\":{\"isEnforced\":true,"
                + "\"enforcementType\":\"allow\",\"aaGuids\":[\"CB69481E-8FF7-4039-93EC-0A2729A154A8\",\"cb69481e-8ff7-4039-93ec-0a2729a154a8\"]}}");

        assertThat(next.keyRestrictions().aaGuids()).containsExactly(YUBIKEY);
    }

    @Test
    void malformedAaguidAndUnknownEnumValuesAreRefused() {
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"keyRestrictions\":{\"aaGuids\":[\"cb69481e\"]}}"))
                .isInstanceOf(Refused.class).hasMessageContaining("not a valid AAGUID");
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"state\":\"on\"}"))
                .isInstanceOf(Refused.class).hasMessageContaining("state");
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"keyRestrictions\":{\"enforcementType\":\"deny\"}}"))
                .isInstanceOf(Refused.class).hasMessageContaining("enforcementType");
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"includeTargets\":[{\"id\":\"all_users\",\"targetType\":\"everyone\"}]}"))
                .isInstanceOf(Refused.class).hasMessageContaining("targetType");
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"includeTargets\":[{\"id\":\"all_users\",\"targetType\":\"user\"}]}"))
                .isInstanceOf(Refused.class).hasMessageContaining("all_users");
    }

    @Test
    void theDefaultProfileCannotBeOmitted() {
        assertThatThrownBy(() -> patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"passkeyProfiles\":[{\"id\":\""
                + UUID.randomUUID() + "\",\"name\":\"Other\"}]}"))
                .isInstanceOf(Refused.class).hasMessageContaining("cannot be deleted");
    }

    @Test
    void aProfileAnIncludeTargetAllowsCannotBeDeletedUnlessTheSameChangeStopsAllowingIt() throws Exception {
        UUID keys = UUID.randomUUID();
        UUID group = UUID.randomUUID();
        Fido2Configuration current = Fido2Configuration.defaults()
                .withPasskeyProfiles(List.of(Fido2Configuration.defaults().defaultProfile(), PasskeyProfile.permissive(keys, "Security keys")))
                .withIncludeTargets(List.of(IncludeTarget.group(group).withAllowedPasskeyProfiles(List.of(keys))));
        String onlyDefault = "\"passkeyProfiles\":[{\"id\":\"" + Fido2Configuration.DEFAULT_PROFILE_ID + "\"}]";

        assertThatThrownBy(() -> patch(current, "{" + TYPE + "," + onlyDefault + "}"))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).isEqualTo(ReasonCode.PASSKEY_PROFILE_IN_USE))
                .hasMessageContaining("'Security keys'").hasMessageContaining(group.toString());

        Fido2Configuration next = patch(current, "{" + TYPE + "," + onlyDefault + ",\"includeTargets\":[{\"id\":\"" + group
                + "\",\"targetType\":\"group\"}]}");
        assertThat(next.passkeyProfiles()).extracting(PasskeyProfile::id).containsExactly(Fido2Configuration.DEFAULT_PROFILE_ID);
    }

    @Test
    void authenticatorSwitchAddsAndRemovesItsAaguids() throws Exception {
        Fido2Configuration current = Fido2Configuration.defaults()
                .withKeyRestrictions(new KeyRestrictions(true, EnforcementType.allow, List.of(YUBIKEY), false));

        Fido2Configuration on = patch(current, "{" + TYPE + ",\"isMicrosoftAuthenticatorIncluded\":true}");
        Fido2Configuration off = patch(on, "{" + TYPE + ",\"isMicrosoftAuthenticatorIncluded\":false}");

        assertThat(on.keyRestrictions().aaGuids()).containsExactly(YUBIKEY, Aaguids.MICROSOFT_AUTHENTICATOR_IOS, Aaguids.MICROSOFT_AUTHENTICATOR_ANDROID);
        assertThat(on.microsoftAuthenticatorIncluded()).isTrue();
        assertThat(off.keyRestrictions().aaGuids()).containsExactly(YUBIKEY);
    }

    @Test
    void aWholeBodyEchoedBackWithOneLegacyChangeMakesThatChange() throws Exception {
        ObjectNode read = Fido2ConfigurationJson.write(new StoredFido2Configuration(Fido2Configuration.defaults(), 1, Instant.now()));
        read.put("isAttestationEnforced", true);

        Fido2Configuration next = patch(Fido2Configuration.defaults(), read.toString());

        assertThat(next.attestationEnforced()).isTrue();
        assertThat(next.defaultProfile().attestationEnforced()).isTrue();
    }

    @Test
    void theDocumentedFullPatchExampleIsAccepted() throws Exception {
        Fido2Configuration next = patch(Fido2Configuration.defaults(), "{" + TYPE + ",\"id\":\"Fido2\",\"state\":\"disabled\","
                + "\"isSelfServiceRegistrationAllowed\":true,\"isAttestationEnforced\":true,"
                + "\"keyRestrictions\":{\"isEnforced\":false,\"enforcementType\":\"block\",\"aaGuids\":[]},"
                + "\"includeTargets\":[{\"targetType\":\"group\",\"id\":\"all_users\",\"isRegistrationRequired\":false,"
                + "\"allowedPasskeyProfiles\":[\"00000000-0000-0000-0000-000000000001\"]}],\"excludeTargets\":[],"
                + "\"passkeyProfiles\":[{\"id\":\"00000000-0000-0000-0000-000000000001\",\"name\":\"Default passkey profile\","
                + "\"passkeyTypes\":\"deviceBound,synced\",\"attestationEnforcement\":\"disabled\","
                + "\"keyRestrictions\":{\"isEnforced\":false,\"enforcementType\":\"allow\",\"aaGuids\":[]}}]}");

        assertThat(next.state()).isEqualTo(MethodState.disabled);
        assertThat(next.keyRestrictions().enforcementType()).isEqualTo(EnforcementType.block);
        assertThat(next.attestationEnforced()).isTrue();
    }
}
