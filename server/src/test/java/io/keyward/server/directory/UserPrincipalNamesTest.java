package io.keyward.server.directory;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Entra's UPN rules: alias@domain, alias at most 64 characters, at most 113 in all. */
class UserPrincipalNamesTest {

    private static final String DOMAIN_48 = "a".repeat(44) + ".com";

    @Test
    void simpleUpnIsAccepted() {
        assertThat(UserPrincipalNames.validate("jane@contoso.example")).isEqualTo("jane@contoso.example");
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertThat(UserPrincipalNames.validate("  jane@contoso.example \t")).isEqualTo("jane@contoso.example");
    }

    @Test
    void dotsInsideTheAliasAndSubdomainsAreAccepted() {
        assertThat(UserPrincipalNames.validate("jane.q.doe@eu.contoso.example")).isEqualTo("jane.q.doe@eu.contoso.example");
    }

    @Test
    void apostropheAndTheOtherAllowedSymbolsAreAccepted() {
        assertThat(UserPrincipalNames.validate("o'neil_-!#^~@contoso-ltd.example")).isEqualTo("o'neil_-!#^~@contoso-ltd.example");
    }

    @Test
    void aliasOf64CharactersIsAccepted() {
        String upn = "a".repeat(64) + "@contoso.example";

        assertThat(UserPrincipalNames.validate(upn)).isEqualTo(upn);
    }

    @Test
    void aliasOf65CharactersIsRefused() {
        assertInvalid("a".repeat(65) + "@contoso.example", "at most 64 characters before @");
    }

    @Test
    void upnOf113CharactersIsAccepted() {
        String upn = "a".repeat(64) + "@" + DOMAIN_48;

        assertThat(upn).hasSize(113);
        assertThat(UserPrincipalNames.validate(upn)).isEqualTo(upn);
    }

    @Test
    void upnOf114CharactersIsRefused() {
        String upn = "a".repeat(64) + "@b" + DOMAIN_48;

        assertThat(upn).hasSize(114);
        assertInvalid(upn, "113 in all");
    }

    @Test
    void nullUpnIsRefusedAsRequired() {
        assertInvalid(null, "Property userPrincipalName is required");
    }

    @Test
    void blankUpnIsRefusedAsRequired() {
        assertInvalid("  ", "Property userPrincipalName is required");
    }

    @Test
    void upnWithoutAtIsRefused() {
        assertInvalid("jane.contoso.example", "'jane.contoso.example' is invalid", "alias@domain");
    }

    @Test
    void upnWithTwoAtsIsRefused() {
        assertInvalid("jane@doe@contoso.example", "is invalid", "alias@domain");
    }

    @Test
    void emptyAliasIsRefused() {
        assertInvalid("@contoso.example", "is invalid");
    }

    @Test
    void singleLabelDomainIsRefused() {
        assertInvalid("jane@localhost", "is invalid", "alias@domain");
    }

    @Test
    void domainLabelStartingWithAHyphenIsRefused() {
        assertInvalid("jane@-contoso.example", "is invalid");
    }

    @Test
    void emptyDomainLabelIsRefused() {
        assertInvalid("jane@contoso..example", "is invalid");
    }

    @Test
    void spaceInTheAliasIsRefused() {
        assertInvalid("jane doe@contoso.example", "is invalid", "letters, digits");
    }

    @Test
    void nonAsciiLetterInTheAliasIsRefused() {
        assertInvalid("josé@contoso.example", "is invalid", "letters, digits");
    }

    @Test
    void aliasStartingWithADotIsRefused() {
        assertInvalid(".jane@contoso.example", "cannot start or end with a dot");
    }

    @Test
    void aliasEndingWithADotIsRefused() {
        assertInvalid("jane.@contoso.example", "cannot start or end with a dot");
    }

    @Test
    void aliasWithTwoDotsInARowIsRefused() {
        assertInvalid("jane..doe@contoso.example", "two dots in a row");
    }

    @Test
    void guestUpnReplacesAtWithUnderscoreAndAddsTheExtMarker() {
        assertThat(UserPrincipalNames.forGuest("jane@fabrikam.com", "contoso.example"))
                .isEqualTo("jane_fabrikam.com#EXT#@contoso.example");
    }

    @Test
    void guestUpnReplacesCharactersAUpnCannotHold() {
        assertThat(UserPrincipalNames.forGuest("jane+passkeys@fabrikam.com", "contoso.example"))
                .isEqualTo("jane_passkeys_fabrikam.com#EXT#@contoso.example");
    }

    @Test
    void hashInTheEmailCannotForgeASecondExtMarker() {
        // '#' is legal in an e-mail local part, but #EXT# must appear exactly once in a guest UPN.
        assertThat(UserPrincipalNames.forGuest("a#EXT#b@fabrikam.com", "contoso.example"))
                .isEqualTo("a_EXT_b_fabrikam.com#EXT#@contoso.example");
    }

    @Test
    void longGuestAliasIsCutSoTheUpnStaysValid() {
        String email = "a".repeat(60) + "@fabrikam.com";

        String upn = UserPrincipalNames.forGuest(email, "contoso.example");

        assertThat(upn).isEqualTo("a".repeat(58) + "#EXT#@contoso.example");
        assertThat(UserPrincipalNames.validate(upn)).isEqualTo(upn);
    }

    @Test
    void ordinaryGuestUpnPassesMemberValidation() {
        String upn = UserPrincipalNames.forGuest("o'neil@fabrikam.co.uk", "contoso.example");

        assertThat(UserPrincipalNames.validate(upn)).isEqualTo("o'neil_fabrikam.co.uk#EXT#@contoso.example");
    }

    @Test
    void aUpnInAVerifiedDomainIsAcceptedInAnyCase() {
        UserPrincipalNames.requireVerifiedDomain("jane@Contoso.Example", List.of("contoso.example", "fabrikam.example"));
        UserPrincipalNames.requireVerifiedDomain("jane@fabrikam.example", List.of("contoso.example", "fabrikam.example"));
    }

    @Test
    void aUpnInAnotherDomainIsRefusedNamingTheVerifiedOnes() {
        Refused refused = catchThrowableOfType(Refused.class,
                () -> UserPrincipalNames.requireVerifiedDomain("ceo@microsoft.com", List.of("contoso.example")));

        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains("'microsoft.com' is not a verified domain", "contoso.example");
    }

    @Test
    void aSubdomainOfAVerifiedDomainIsNotVerifiedByItself() {
        assertThat(catchThrowableOfType(Refused.class,
                () -> UserPrincipalNames.requireVerifiedDomain("jane@eu.contoso.example", List.of("contoso.example")))).isNotNull();
    }

    @Test
    void aGuestUpnIsInTheTenantsDomain() {
        UserPrincipalNames.requireVerifiedDomain(UserPrincipalNames.forGuest("jane@fabrikam.com", "contoso.example"), List.of("contoso.example"));
    }

    private static void assertInvalid(String upn, String... words) {
        Refused refused = catchThrowableOfType(Refused.class, () -> UserPrincipalNames.validate(upn));

        assertThat(refused).as("refusal of '%s'", upn).isNotNull();
        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains(List.of(words));
    }
}
