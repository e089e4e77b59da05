package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.keyward.server.it.ITSupport.upn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser sign-in sessions: a signed cookie that stays stateless apart from one check against the user's
 * {@code signInSessionsValidFromDateTime}. Signing out, the Graph action {@code revokeSignInSessions}, deleting the
 * Temporary Access Pass or passkey, disabling the account and changing the password end every session opened before;
 * the cookie's attributes; and the recent strong sign-in that adding a passkey needs.
 */
class SignInSessionsIT extends GraphIT {

    static final String PASSWORD = "Correct horse battery 1";

    String userId;
    String userUpn;

    @BeforeEach
    void arrange() {
        userUpn = upn("session");
        userId = graph.post("users", admin, "{\"userPrincipalName\":\"" + userUpn + "\",\"displayName\":\"Session\","
                + "\"passwordProfile\":{\"password\":\"" + PASSWORD + "\"}}").json().get("id").asText();
    }

    @Test
    void aSessionCookieCopiedBeforeSignOutNoLongerWorksAfterIt() {
        Browser browser = signedInWithPassword();
        Browser copied = browser.withCopiedCookie();
        assertThat(copied.get("myaccount").status()).as("the copy works while signed in").isEqualTo(200);

        assertThat(browser.post("signin/signout", "{}").status()).isEqualTo(204);

        assertSessionEnded(copied.get("myaccount"));
    }

    @Test
    void deletingTheTemporaryAccessPassThatOpenedASessionEndsIt() {
        String tap = createTemporaryAccessPass();
        Browser browser = new Browser(graph.root());
        assertThat(browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn
                + "\",\"temporaryAccessPass\":\"" + tap + "\"}").status()).isEqualTo(200);
        String tapId = graph.get("users/" + userId + "/authentication/temporaryAccessPassMethods", admin).json()
                .path("value").path(0).path("id").asText();

        assertThat(graph.delete("users/" + userId + "/authentication/temporaryAccessPassMethods/" + tapId, admin).status()).isEqualTo(204);

        assertSessionEnded(browser.get("myaccount"));
    }

    @Test
    void issuingANewTemporaryAccessPassEndsTheSessionsOfTheOneItReplaces() {
        String tap = createTemporaryAccessPass();
        Browser browser = new Browser(graph.root());
        assertThat(browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn
                + "\",\"temporaryAccessPass\":\"" + tap + "\"}").status()).isEqualTo(200);

        createTemporaryAccessPass();

        assertSessionEnded(browser.get("myaccount"));
    }

    @Test
    void anAdministratorDeletingAPasskeyEndsItsOwnersSessions() {
        PackedAuthenticator key = new PackedAuthenticator();
        String passkeyId = provision(key);
        Browser browser = new Browser(graph.root());
        assertThat(browser.signIn(key, null).status()).isEqualTo(200);

        assertThat(graph.delete("users/" + userId + "/authentication/fido2Methods/" + passkeyId, admin).status()).isEqualTo(204);

        assertSessionEnded(browser.get("myaccount"));
    }

    @Test
    void deletingYourOwnPasskeyEndsEveryOtherSessionButKeepsThisBrowserSignedIn() {
        PackedAuthenticator key = new PackedAuthenticator();
        String passkeyId = provision(key);
        Browser browser = new Browser(graph.root());
        assertThat(browser.signIn(key, null).status()).isEqualTo(200);
        Browser copy = browser.withCopiedCookie();
        Browser elsewhere = new Browser(graph.root());
        assertThat(elsewhere.signIn(key, null).status()).isEqualTo(200);

        Graph.Reply deleted = browser.delete("myaccount/passkeys/" + passkeyId);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(browser.get("myaccount").status()).as("this browser, with its renewed cookie").isEqualTo(200);
        assertThat(copy.get("myaccount").status()).as("a copy of the cookie taken before").isEqualTo(401);
        assertThat(elsewhere.get("myaccount").status()).as("the user's other browser").isEqualTo(401);
    }

    @Test
    void aSessionEndedByDisablingTheAccountStaysEndedWhenTheAccountIsEnabledAgain() {
        Browser browser = signedInWithPassword();

        assertThat(graph.patch("users/" + userId, admin, "{\"accountEnabled\":false}").status()).isEqualTo(204);
        assertThat(graph.patch("users/" + userId, admin, "{\"accountEnabled\":true}").status()).isEqualTo(204);

        assertSessionEnded(browser.get("myaccount"));
    }

    @Test
    void changingThePasswordEndsSessions() {
        Browser browser = signedInWithPassword();

        assertThat(graph.patch("users/" + userId, admin, "{\"passwordProfile\":{\"password\":\"Another horse battery 2\"}}").status())
                .isEqualTo(204);

        assertSessionEnded(browser.get("myaccount"));
    }

    @Test
    void changingTheDisplayNameLeavesSessionsAlone() {
        Browser browser = signedInWithPassword();

        assertThat(graph.patch("users/" + userId, admin, "{\"displayName\":\"Renamed\"}").status()).isEqualTo(204);

        assertThat(browser.get("myaccount").status()).isEqualTo(200);
    }

    @Test
    void revokeSignInSessionsAnswersLikeGraphEndsSessionsAndLetsTheUserSignInAgain() {
        Browser browser = signedInWithPassword();
        Instant before = Instant.now().minusSeconds(5);

        Graph.Reply revoked = graph.post("users/" + userId + "/revokeSignInSessions", admin, null);

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("@odata.context").asText()).endsWith("/v1.0/$metadata#Edm.Boolean");
        assertThat(revoked.json().path("value").asBoolean()).isTrue();
        assertSessionEnded(browser.get("myaccount"));
        JsonNode user = graph.get("users/" + userId + "?$select=id,signInSessionsValidFromDateTime", admin).json();
        assertThat(Instant.parse(user.path("signInSessionsValidFromDateTime").asText())).isAfter(before);
        assertThat(signedInWithPassword().get("myaccount").status()).as("a new sign-in").isEqualTo(200);
        assertThat(graph.get("auditLogs/directoryAudits?$top=1&$filter=activityDisplayName%20eq%20%27Revoke%20sign-in%20sessions%27",
                admin).json().path("value").path(0).path("targetResources").path(0).path("id").asText()).isEqualTo(userId);
    }

    @Test
    void revokeSignInSessionsByUserPrincipalName() {
        Browser browser = signedInWithPassword();

        assertThat(graph.post("users/" + userUpn + "/revokeSignInSessions", admin, null).status()).isEqualTo(200);

        assertSessionEnded(browser.get("myaccount"));
    }

    @Test
    void revokeSignInSessionsNeedsUserRevokeSessionsAll() {
        Graph.Reply refused = graph.post("users/" + userId + "/revokeSignInSessions", graph.tokenWith("User.Read.All"), null);
        Graph.Reply allowed = graph.post("users/" + userId + "/revokeSignInSessions", graph.tokenWith("User.RevokeSessions.All"), null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("Authorization_RequestDenied");
        assertThat(refused.json().path("error").path("message").asText()).contains("User.RevokeSessions.All");
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void revokeSignInSessionsOfAnUnknownUserIsNotFound() {
        Graph.Reply reply = graph.post("users/" + java.util.UUID.randomUUID() + "/revokeSignInSessions", admin, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("Request_ResourceNotFound");
    }

    @Test
    void overHttpTheSessionCookieIsHttpOnlyLaxAndNotSecure() {
        Graph.Reply reply = new Browser(graph.root()).post("signin/password", "{\"userPrincipalName\":\"" + userUpn
                + "\",\"password\":\"" + PASSWORD + "\"}");

        String cookie = reply.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.contains("session=")).findFirst()
                .orElseThrow();
        assertThat(cookie).startsWith("keyward_session=").contains("Path=/").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure").doesNotContainIgnoringCase("Domain");
    }

    @Test
    void aPasswordSessionCannotStartAddingAPasskey() {
        Browser browser = signedInWithPassword();

        Graph.Reply refused = browser.post("myaccount/passkeys/options", "{}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("strongSignInRequired");
        assertThat(refused.json().path("error").path("message").asText()).contains("Temporary Access Pass").contains("passkey")
                .contains("sign in again");
    }

    @Test
    void aFreshPasskeySessionCanAddAnotherPasskey() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = new Browser(graph.root());
        assertThat(browser.signIn(key, null).status()).isEqualTo(200);

        Graph.Reply options = browser.post("myaccount/passkeys/options", "{}");

        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        assertThat(options.json().path("publicKey").path("challenge").asText()).isNotBlank();
    }

    private Browser signedInWithPassword() {
        Browser browser = new Browser(graph.root());
        Graph.Reply reply = browser.post("signin/password", "{\"userPrincipalName\":\"" + userUpn + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(browser.get("myaccount").status()).isEqualTo(200);
        return browser;
    }

    private String createTemporaryAccessPass() {
        Graph.Reply reply = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("temporaryAccessPass").asText();
    }

    private String provision(PackedAuthenticator key) {
        return provision(userId, key);
    }

    private static void assertSessionEnded(Graph.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("unauthenticated");
        assertThat(reply.json().path("error").path("message").asText()).contains("sign in again");
    }
}
