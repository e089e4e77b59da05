package io.keyward.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A B2B guest's way in: the invitation link, opening it again, and signing in with their own e-mail address. */
class GuestInvitationBrowserIT extends BrowserScenario {

    @Test
    void acceptingAnInvitationLandsOnAPageThatLeadsToSignInWithTheInvitedAddress() throws Exception {
        KeywardAdmin.Invitation invitation = admin.invitation();

        browser.driver().get(invitation.redeemUrl());

        assertThat(browser.driver().findElement(By.id("invitation")).getDomAttribute("data-outcome")).isEqualTo("accepted");
        String text = PageChecks.visibleText(browser.driver());
        assertThat(text).contains("You have accepted the invitation", invitation.email());
        PageChecks.assertPlainWords("the invitation page", text.replace(invitation.email(), "the address"));
        browser.driver().findElement(By.id("invitation-sign-in")).click();
        SignInPage signIn = SignInPage.attach(browser.driver(), baseUrl);
        assertThat(browser.driver().findElement(By.id("signin-name")).getDomProperty("value")).isEqualTo(invitation.email());
        assertThat(signIn.step()).isEqualTo("name");
    }

    @Test
    void openingTheInvitationLinkAgainSaysItWasAcceptedAndLeadsToSignIn() throws Exception {
        KeywardAdmin.Invitation invitation = admin.invitation();
        browser.driver().get(invitation.redeemUrl());

        browser.driver().get(invitation.redeemUrl());

        assertThat(browser.driver().findElement(By.id("invitation")).getDomAttribute("data-outcome")).isEqualTo("alreadyAccepted");
        String text = PageChecks.visibleText(browser.driver());
        assertThat(text).contains("You have already accepted this invitation").doesNotContain("<", "&lt;", "<!doctype");
        PageChecks.assertPlainWords("the page", text);
        browser.driver().findElement(By.id("invitation-sign-in")).click();
        SignInPage.attach(browser.driver(), baseUrl);
    }

    @Test
    void anIncompleteInvitationLinkSaysSoInPlainWords() throws Exception {
        KeywardAdmin.Invitation invitation = admin.invitation();
        String cut = invitation.redeemUrl().substring(0, invitation.redeemUrl().indexOf("&code="));

        browser.driver().get(cut);

        assertThat(browser.driver().findElement(By.id("invitation")).getDomAttribute("data-outcome")).isEqualTo("invalid");
        PageChecks.assertPlainWords("the page", PageChecks.visibleText(browser.driver()));
    }

    @Test
    void invitationPagesCarryTheStrictContentSecurityPolicyAndEscapeNothingTwice() throws Exception {
        KeywardAdmin.Invitation invitation = admin.invitation();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(invitation.redeemUrl())).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(invitation.redeemUrl())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).startsWith("<!doctype html>").doesNotContain("&lt;");
        assertThat(again.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'none'");
    }

    @Test
    void aGuestSignsInWithTheirOwnEmailAddress() throws Exception {
        KeywardAdmin.Invitation invitation = admin.invitation();
        browser.driver().get(invitation.redeemUrl());

        SignInPage.Outcome outcome = signInPage().signInWithTemporaryAccessPass(invitation.email(), invitation.guest().temporaryAccessPass());

        assertThat(outcome.signedIn()).as("%s", outcome).isTrue();
        assertThat(outcome.securityInfo().userPrincipalName()).isEqualTo(invitation.guest().userPrincipalName());
    }
}
