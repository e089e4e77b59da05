package io.keyward.e2e;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in page and Security info for a user whose passkey the policy allows: the happy paths. */
class SignInBrowserIT extends BrowserScenario {

    @Test
    void passkeyRegisteredInSecurityInfoSignsInWithoutAUserName() throws Exception {
        KeywardAdmin.User user = admin.newMember("usernameless");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);

        Message added = securityInfo.addPasskey();

        assertThat(added.outcome()).as("%s", added).isEqualTo("success");
        assertThat(securityInfo.passkeys()).singleElement().satisfies(passkey -> {
            assertThat(passkey.aaguid()).isEqualTo(VirtualKey.CHROME_AAGUID);
            assertThat(passkey.passkeyType()).isEqualTo("deviceBound");
            assertThat(passkey.lastUsed()).isEqualTo("Never");
            assertThat(passkey.previousUpnFlag()).isEmpty();
            assertThat(passkey.suspectFlag()).isEmpty();
        });

        SignInPage.Outcome outcome = securityInfo.signOut().signInWithPasskey();

        assertThat(outcome.signedIn()).as("%s", outcome).isTrue();
        assertThat(outcome.securityInfo().userPrincipalName()).isEqualTo(user.userPrincipalName());
        assertThat(outcome.securityInfo().passkeys()).singleElement().extracting(SecurityInfoPage.Passkey::lastUsed).isNotEqualTo("Never");
    }

    @Test
    void passkeySignsInAfterTheUserTypedTheirName() throws Exception {
        Registered registered = memberWithPasskey("upn-first");

        SignInPage.Outcome outcome = signInPage().signInWithPasskeyAs(registered.user().userPrincipalName());

        assertThat(outcome.signedIn()).as("%s", outcome).isTrue();
        assertThat(outcome.securityInfo().userPrincipalName()).isEqualTo(registered.user().userPrincipalName());
    }

    @Test
    void signInPageOffersPasskeysInTheUserNameAutofill() {
        SignInPage page = signInPage();

        assertThat(page.userNameAutocomplete()).isEqualTo("username webauthn");
        assertThat(page.conditionalUi()).isEqualTo("started");
    }

    @Test
    void platformPasskeyChosenFromTheAutofillSignsInWithoutAClick() throws Exception {
        KeywardAdmin.User user = admin.newMember("autofill");
        registerPasskey(user, browser.addPlatformAuthenticator());

        // Chrome's virtual environment answers the page's conditional request as a user picking the passkey would.
        SecurityInfoPage securityInfo = signInPage().awaitSignedInFromAutofill();

        assertThat(securityInfo.userPrincipalName()).isEqualTo(user.userPrincipalName());
    }

    @Test
    void passkeyCanBeRenamedAndDeletedInSecurityInfo() throws Exception {
        KeywardAdmin.User user = admin.newMember("rename-delete");
        browser.addSecurityKey();
        SecurityInfoPage securityInfo = signInWithTemporaryAccessPass(user);
        assertThat(securityInfo.addPasskey().outcome()).isEqualTo("success");
        String id = securityInfo.passkeys().get(0).id();

        securityInfo.rename(id, "My work key");
        assertThat(admin.passkeys(user.id())).singleElement().extracting(p -> p.path("displayName").asText()).isEqualTo("My work key");

        securityInfo.delete(id);
        assertThat(admin.passkeys(user.id())).isEmpty();
    }

    @Test
    void passwordIsOfferedAfterTheNameAndRefusedForAnAccountWithoutOne() throws Exception {
        KeywardAdmin.User user = admin.newMember("no-password");
        SignInPage page = signInPage();
        assertThat(page.passwordOffered()).as("before a name is typed").isFalse();

        SignInPage.Outcome outcome = page.signInWithPassword(user.userPrincipalName(), "Some password 1!");

        assertSignInRefused(user, outcome, "unauthenticated");
    }

    @Test
    void securityInfoWithoutASessionLeadsToSignIn() {
        browser.driver().get(baseUrl + "/myaccount");

        assertThat(browser.driver().getCurrentUrl()).isEqualTo(baseUrl + "/signin");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndTheApiKeepsAnsweringJson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/signin"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/assets/signin.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/myaccount")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'", "script-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.body()).doesNotContain("<script>", "style=", "onclick");
        assertThat(script.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(api.body()).contains("\"code\":\"unauthenticated\"");
    }
}
