package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Jakarta EE app secured by WildFly's own {@code elytron-oidc-client} against Keyward ({@link SampleOidcApp}): its
 * protected page sends a signed-out person to Keyward's sign-in page; a passkey brings them back signed in, the page
 * greeting them from the ID token; sign-out goes through Keyward's end session endpoint and ends the Keyward session too.
 */
class SampleOidcAppBrowserIT extends BrowserScenario {

    private SampleOidcApp app;

    @BeforeAll
    void deployTheSampleApp(KeywardServer server) throws Exception {
        app = SampleOidcApp.deploy(server, admin, "sample-oidc");
    }

    @AfterAll
    void undeployTheSampleApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPasskeySignsAPersonIntoTheAppAndSignOutEndsTheirKeywardSessionToo() throws Exception {
        Registered member = memberWithPasskey("sample-app");
        // No Keyward session left from registering the passkey (with the pass): the app must get a passkey sign-in.
        browser.endSession();

        app.open(browser.driver(), baseUrl).choosePasskey();

        app.assertSignedInAs(browser.driver(), "E2E sample-app", member.user().userPrincipalName());
        assertThat(app.signInMethods(browser.driver()).split(" ")).contains("fido", "mfa");
        JsonNode signIn = admin.signIns(member.user().id()).get(0);
        assertThat(signIn.path("appId").asText()).as("the sign-in log's app: %s", signIn).isEqualTo(app.clientId());
        assertThat(signIn.path("status").path("errorCode").asInt()).isZero();

        app.signOut(browser.driver());

        // Signed out of Keyward as well: the app's page asks for a sign-in again instead of getting a code at once.
        assertThat(app.open(browser.driver(), baseUrl).step()).isEqualTo("name");
    }
}
