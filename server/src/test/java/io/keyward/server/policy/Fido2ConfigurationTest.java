package io.keyward.server.policy;

import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Fido2ConfigurationTest {

    @Test
    void theStoredDocumentReadsBackAsTheSameConfiguration() {
        UUID group = UUID.randomUUID();
        UUID strict = UUID.randomUUID();
        Fido2Configuration configuration = Fido2Configuration.defaults()
                .withPasskeyProfiles(List.of(Fido2Configuration.defaults().defaultProfile(),
                        new PasskeyProfile(strict, "Security keys", EnumSet.of(PasskeyType.deviceBound), AttestationEnforcement.registrationOnly,
                                new KeyRestrictions(true, EnforcementType.block, List.of(Aaguids.MICROSOFT_AUTHENTICATOR_IOS), true))))
                .withIncludeTargets(List.of(IncludeTarget.allUsers(), IncludeTarget.group(group).withAllowedPasskeyProfiles(List.of(strict))))
                .withExcludeTargets(List.of(ExcludeTarget.user(UUID.randomUUID())))
                .withSelfServiceRegistrationAllowed(false)
                .withMicrosoftAuthenticatorIncluded(true);

        Fido2Configuration read = Fido2ConfigurationDocument.read(Fido2ConfigurationDocument.write(configuration).toString());

        assertThat(read).isEqualTo(configuration);
    }

    @Test
    void legacyTopLevelPropertiesAreTheDefaultProfiles() {
        Fido2Configuration configuration = Fido2Configuration.defaults().withAttestationEnforced(true)
                .withKeyRestrictions(new KeyRestrictions(true, EnforcementType.allow, List.of(Aaguids.MICROSOFT_AUTHENTICATOR_ANDROID), false));

        assertThat(configuration.defaultProfile().attestationEnforcement()).isEqualTo(AttestationEnforcement.registrationOnly);
        assertThat(configuration.defaultProfile().keyRestrictions().aaGuids()).containsExactly(Aaguids.MICROSOFT_AUTHENTICATOR_ANDROID);
        assertThat(configuration.microsoftAuthenticatorIncluded()).isFalse();
    }

    @Test
    void aaguidsAreParsedInAnyCaseAndMalformedOnesRefused() {
        assertThat(Aaguids.parse(" 90A3CCDF-635C-4729-A248-9B709135078F ")).isEqualTo(Aaguids.MICROSOFT_AUTHENTICATOR_IOS);
        assertThatThrownBy(() -> Aaguids.parse("90a3ccdf635c4729a2489b709135078f")).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> Aaguids.parse("1-1-1-1-1")).isInstanceOf(Refused.class);
    }

    @Test
    void ifMatchAcceptsTheCurrentTagAStarOrNothing() {
        StoredFido2Configuration stored = new StoredFido2Configuration(Fido2Configuration.defaults(), 7, Instant.now());

        assertThat(stored.matches(null)).isTrue();
        assertThat(stored.matches("*")).isTrue();
        assertThat(stored.matches("\"7\"")).isTrue();
        assertThat(stored.matches("W/\"7\"")).isTrue();
        assertThat(stored.matches("\"6\", \"7\"")).isTrue();
        assertThat(stored.matches("\"6\"")).isFalse();
    }

    @Test
    void aTargetCannotNameAnUnknownProfileNorAppearTwice() {
        assertThatThrownBy(() -> Fido2Configuration.defaults().withIncludeTargets(List.of(
                IncludeTarget.allUsers().withAllowedPasskeyProfiles(List.of(UUID.randomUUID())))))
                .isInstanceOf(Refused.class).hasMessageContaining("not one of passkeyProfiles");
        UUID group = UUID.randomUUID();
        assertThatThrownBy(() -> Fido2Configuration.defaults().withIncludeTargets(List.of(IncludeTarget.group(group), IncludeTarget.group(group))))
                .isInstanceOf(Refused.class).hasMessageContaining("more than once");
    }
}
