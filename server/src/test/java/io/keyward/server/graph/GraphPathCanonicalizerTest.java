package io.keyward.server.graph;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GraphPathCanonicalizerTest {

    static final String CANONICAL = "v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/";

    @ParameterizedTest
    @CsvSource({
            "v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/FIDO2, FIDO2",
            "v1.0/authenticationMethodsPolicy/authenticationMethodConfigurations/FIDO2, FIDO2",
            "/v1.0/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2, fido2",
            "v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations('Fido2'), Fido2",
            "v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations(%27Fido2%27), Fido2",
            "v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations(Fido2), Fido2",
            "v1.0/Policies/AuthenticationMethodsPolicy/authenticationmethodconfigurations/fido2, fido2",
            "v1.0/AUTHENTICATIONMETHODSPOLICY/AuthenticationMethodConfigurations('FIDO2'), FIDO2"})
    void everyFormOfTheFido2PathBecomesTheCanonicalOne(String path, String id) {
        String routed = GraphPathCanonicalizer.canonical(path).orElse(path.replaceFirst("^/", ""));

        assertThat(routed).isEqualTo(CANONICAL + id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Fido2",
            "v1.0/users/jane@contoso.com",
            "beta/users/abc/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=10)",
            "beta/users/abc/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=@challengeTimeoutInMinutes)",
            "v1.0/groups/abc/members/$ref",
            "v1.0/identity/conditionalAccess/policies/abc"})
    void canonicalPathsAndFunctionCallsAreLeftAlone(String path) {
        assertThat(GraphPathCanonicalizer.canonical(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.0/authenticationMethodsPolicy", "v1.0/authenticationmethodspolicy"})
    void theLegacyAliasGetsThePoliciesPrefix(String path) {
        assertThat(GraphPathCanonicalizer.canonical(path)).contains("v1.0/policies/authenticationMethodsPolicy");
    }

    @ParameterizedTest
    @CsvSource({"v1.0/users/delta(), v1.0/users/delta", "beta/users/delta(), beta/users/delta"})
    void aFunctionCalledWithoutParametersIsTheFunctionsPath(String path, String canonical) {
        assertThat(GraphPathCanonicalizer.canonical(path)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.0/users/delta", "v1.0/users/other()"})
    void onlyKnownFunctionsLoseTheirParentheses(String path) {
        assertThat(GraphPathCanonicalizer.canonical(path)).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "beta/identity/conditionalAccess/authenticationStrength/policies, beta/policies/authenticationStrengthPolicies",
            "v1.0/identity/conditionalAccess/authenticationStrength/policies/abc/combinationConfigurations, "
                    + "v1.0/policies/authenticationStrengthPolicies/abc/combinationConfigurations",
            "v1.0/Identity/ConditionalAccess/AuthenticationStrength/Policies/abc, v1.0/policies/authenticationStrengthPolicies/abc"})
    void theConditionalAccessAliasOfStrengthsReachesTheStrengths(String path, String canonical) {
        assertThat(GraphPathCanonicalizer.canonical(path)).contains(canonical);
    }
}
