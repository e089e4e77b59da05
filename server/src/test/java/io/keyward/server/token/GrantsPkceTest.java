package io.keyward.server.token;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrantsPkceTest {

    /** RFC 7636 Appendix B. */
    @Test
    void theRfcExampleVerifierMatchesItsChallenge() {
        assertThat(Grants.pkceMatches("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isTrue();
    }

    @Test
    void anotherVerifierDoesNotMatch() {
        CodeVerifier verifier = new CodeVerifier();
        String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();

        assertThat(Grants.pkceMatches(challenge, new CodeVerifier().getValue())).isFalse();
    }

    @Test
    void thePlainChallengeItselfIsNotAVerifier() {
        CodeVerifier verifier = new CodeVerifier();
        String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();

        assertThat(Grants.pkceMatches(challenge, challenge)).isFalse();
    }

    @Test
    void aMalformedVerifierDoesNotMatch() {
        assertThat(Grants.pkceMatches("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "too-short")).isFalse();
    }
}
