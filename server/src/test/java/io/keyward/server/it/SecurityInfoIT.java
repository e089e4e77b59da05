package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.CustomAaguidAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Security info API as the page reads it: each passkey's state and whether Add is available, computed from the
 * policy before any click; plain words without AAGUIDs; names of new passkeys; names cleaned of control and bidi
 * characters. And the guest's way in: the invitation pages. The policy is reset after each test.
 */
class SecurityInfoIT extends GraphIT {


    String userId;
    String userUpn;

    @BeforeEach
    void arrange() {
        userUpn = upn("info");
        userId = graph.post("users", admin, userJson(userUpn, "Info")).json().get("id").asText();
    }

    @AfterEach
    void resetPolicy() {
        assertThat(graph.delete(FIDO2, admin).status()).isEqualTo(204);
    }

    @Test
    void aPasskeyOfABlockedModelIsListedAsBlockedWithItsReasonInPlainWords() {
        UUID model = UUID.randomUUID();
        Browser browser = signedIn();
        register(browser, new CustomAaguidAuthenticator(model), null);
        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\"" + model + "\"]}");

        JsonNode me = browser.get("myaccount").json();

        JsonNode passkey = me.get("passkeys").get(0);
        assertThat(passkey.get("state").asText()).isEqualTo("blocked");
        assertThat(passkey.get("stateReason").asText()).isEqualTo("aaguidNotAllowed");
        assertThat(passkey.get("stateMessage").asText()).contains("this make and model of passkey").doesNotContain(model.toString(), "AAGUID");
        assertThat(me.get("addPasskey").get("available").asBoolean()).as("another model may be added").isTrue();
    }

    @Test
    void anAllowedPasskeyIsUsable() {
        Browser browser = signedIn();
        register(browser, new PackedAuthenticator(), null);

        JsonNode passkey = browser.get("myaccount").json().get("passkeys").get(0);

        assertThat(passkey.get("state").asText()).isEqualTo("usable");
        assertThat(passkey.get("stateReason").isNull()).isTrue();
    }

    @Test
    void withPasskeysTurnedOffAddIsUnavailableAndEveryPasskeyBlockedUpFront() {
        Browser browser = signedIn();
        register(browser, new PackedAuthenticator(), null);
        policy("\"state\":\"disabled\"");

        JsonNode me = browser.get("myaccount").json();

        assertThat(me.get("addPasskey").get("available").asBoolean()).isFalse();
        assertThat(me.get("addPasskey").get("reason").asText()).isEqualTo("passkeyMethodDisabled");
        assertThat(me.get("addPasskey").get("message").asText()).contains("turned passkeys off");
        assertThat(me.get("passkeys").get(0).get("stateReason").asText()).isEqualTo("passkeyMethodDisabled");
    }

    @Test
    void aGuestIsToldUpFrontThatAddIsUnavailable() {
        String guest = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"g" + UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}").json().get("invitedUser").get("id").asText();
        Browser browser = signedIn(guest, graph.get("users/" + guest, admin).json().get("userPrincipalName").asText());

        JsonNode add = browser.get("myaccount").json().get("addPasskey");

        assertThat(add.get("available").asBoolean()).isFalse();
        assertThat(add.get("reason").asText()).isEqualTo("guestUserNotSupported");
    }

    @Test
    void aRefusedModelIsNamedByItsModelNotItsAaguid() {
        UUID model = UUID.randomUUID();
        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\"" + model + "\"]}");
        Browser browser = signedIn();

        Graph.Reply refused = register(browser, new CustomAaguidAuthenticator(model), null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("aaguidNotAllowed");
        assertThat(refused.json().path("error").path("message").asText()).doesNotContain(model.toString(), "AAGUID");
    }

    @Test
    void newPasskeysWithoutANameAreNamedForTheirKindAndNumbered() {
        Browser browser = signedIn();

        Graph.Reply first = register(browser, new PackedAuthenticator(), null);
        Graph.Reply second = register(browser, new PackedAuthenticator(), null);

        assertThat(first.json().get("displayName").asText()).isEqualTo("Security key");
        assertThat(first.json().get("kind").asText()).isEqualTo("securityKey");
        assertThat(second.json().get("displayName").asText()).isEqualTo("Security key 2");
    }

    @Test
    void controlAndBidiOverrideCharactersAreRemovedFromPasskeyNames() {
        Browser browser = signedIn();
        Graph.Reply added = register(browser, new PackedAuthenticator(), "Work\u202E key\u0007");
        assertThat(added.json().get("displayName").asText()).isEqualTo("Work key");

        Graph.Reply renamed = browser.send("PATCH", "myaccount/passkeys/" + added.json().get("id").asText(),
                "{\"displayName\":\"\\u2067Desk\\u2069 key\\u202d\"}");

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("displayName").asText()).isEqualTo("Desk key");
        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods", admin).json().get("value").get(0).get("displayName").asText())
                .isEqualTo("Desk key");
    }

    @Test
    void aRenameWithoutANameIsRefusedInWordsNotFieldNames() {
        Browser browser = signedIn();
        String id = register(browser, new PackedAuthenticator(), null).json().get("id").asText();

        Graph.Reply refused = browser.send("PATCH", "myaccount/passkeys/" + id, "{}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("message").asText()).isEqualTo("The passkey's display name cannot be empty.");
    }

    @Test
    void acceptingAnInvitationShowsAPageThatLeadsToSignInWithTheInvitedAddress() {
        String email = "g" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example";
        String link = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"" + email + "\",\"inviteRedirectUrl\":\"https://apps.example\"}")
                .json().get("inviteRedeemUrl").asText();

        Graph.Reply page = new Browser(graph.root()).page(link);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.body()).contains("data-outcome=\"accepted\"", "href=\"/signin?username=" + email.replace("@", "%40") + "\"", email);
    }

    @Test
    void openingAnInvitationAgainShowsAProperPageNotEscapedHtml() {
        String link = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"g" + UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}").json().get("inviteRedeemUrl").asText();
        new Browser(graph.root()).page(link);

        Graph.Reply again = new Browser(graph.root()).page(link);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).startsWith("<!doctype html>").contains("data-outcome=\"alreadyAccepted\"", "href=\"/signin\"")
                .doesNotContain("&lt;");
    }

    @Test
    void anInvitationLinkWithoutItsIdOrCodeIsAPageInWordsNotAResourceId() {
        Graph.Reply page = new Browser(graph.root()).page("invitations/redeem");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("data-outcome=\"invalid\"").doesNotContain("null", "Resource", "&lt;");
    }

    @Test
    void theBrandingDefaultsToTheTenantsNameAndKeywardsReadableColors() {
        Browser browser = new Browser(graph.root());

        JsonNode branding = browser.get("branding").json();
        Graph.Reply colors = browser.get("branding/colors.css");

        assertThat(branding.get("name").asText()).isEqualTo(graph.get("organization", admin).json().get("value").get(0).get("displayName").asText());
        assertThat(branding.get("logo").isNull()).isTrue();
        assertThat(colors.body()).contains("--accent: #0b5cad");
        assertThat(browser.get("branding/logo").status()).isEqualTo(404);
    }

    @Test
    void aGuestSignsInWithTheAddressTheyWereInvitedWith() {
        String email = "g" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example";
        String guest = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"" + email + "\",\"inviteRedirectUrl\":\"https://apps.example\"}")
                .json().get("invitedUser").get("id").asText();
        String pass = graph.post("users/" + guest + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}")
                .json().get("temporaryAccessPass").asText();

        Graph.Reply reply = new Browser(graph.root()).post("signin/temporary-access-pass",
                "{\"userPrincipalName\":\"" + email.toUpperCase() + "\",\"temporaryAccessPass\":\"" + pass + "\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("userPrincipalName").asText()).isEqualTo(graph.get("users/" + guest, admin).json().get("userPrincipalName").asText());
    }

    private Browser signedIn() {
        return signedIn(userId, userUpn);
    }

    private Browser signedIn(String id, String principalName) {
        String pass = graph.post("users/" + id + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}")
                .json().get("temporaryAccessPass").asText();
        Browser browser = new Browser(graph.root());
        Graph.Reply reply = browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + principalName
                + "\",\"temporaryAccessPass\":\"" + pass + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return browser;
    }

    /** Adds a passkey in Security info as the page does (options, create, register), with an optional name. */
    private Graph.Reply register(Browser browser, WebAuthnModelAuthenticator key, String displayName) {
        Graph.Reply options = browser.post("myaccount/passkeys/options", "{}");
        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        var credential = Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, options.json());
        String publicKeyCredential = Provisioning.body(credential, null).replaceFirst("^\\{\"publicKeyCredential\":", "").replaceFirst("}$", "");
        String name = displayName == null ? "" : "\"displayName\":" + Graph.JSON.valueToTree(displayName) + ",";
        return browser.post("myaccount/passkeys", "{" + name + "\"credential\":" + publicKeyCredential + "}");
    }

}
