package io.keyward.server.token;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationProofTest {

    @Test
    void aDeviceBoundPasskeyIsAHardwareKeyAndPhishingResistant() {
        AuthenticationProof proof = AuthenticationProof.passkey(true, UUID.randomUUID());

        assertThat(proof.amr()).containsExactly("fido", "hwk", "mfa");
        assertThat(proof.acr()).isEqualTo(AuthenticationProof.ACR_PHISHING_RESISTANT);
    }

    @Test
    void aSyncedPasskeyIsASoftwareKey() {
        assertThat(AuthenticationProof.passkey(false, null).amr()).containsExactly("fido", "swk", "mfa");
    }

    @Test
    void aTemporaryAccessPassIsMultifactorButNotPhishingResistant() {
        AuthenticationProof proof = AuthenticationProof.temporaryAccessPass();

        assertThat(proof.amr()).containsExactly("tap", "mfa");
        assertThat(proof.acr()).isEqualTo(AuthenticationProof.ACR_MULTIFACTOR);
    }

    @Test
    void aPasswordIsOneFactor() {
        AuthenticationProof proof = AuthenticationProof.password();

        assertThat(proof.amr()).containsExactly("pwd");
        assertThat(proof.acr()).isEqualTo(AuthenticationProof.ACR_SINGLE_FACTOR);
    }

    @Test
    void aPasswordSignInDoesNotGetPermissionsToChangeTheUsersOwnMethods() {
        java.util.Set<String> asked = java.util.Set.of("openid", "User.Read", "UserAuthMethod-Passkey.ReadWrite", "UserAuthenticationMethod.ReadWrite");

        assertThat(AuthenticationProof.scopesAllowedFor(AuthenticationProof.password().amr(), asked)).containsExactlyInAnyOrder("openid", "User.Read");
        assertThat(AuthenticationProof.scopesAllowedFor(AuthenticationProof.passkey(true, null).amr(), asked)).isEqualTo(asked);
        assertThat(AuthenticationProof.scopesAllowedFor(AuthenticationProof.temporaryAccessPass().amr(), asked)).isEqualTo(asked);
    }

    @Test
    void theStoredFormReadsBack() {
        assertThat(AuthenticationProof.amrOf(AuthenticationProof.passkey(true, null).amrText())).containsExactly("fido", "hwk", "mfa");
    }
}
