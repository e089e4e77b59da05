package io.keyward.server.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import io.keyward.server.token.DirectoryRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Set;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph with delegated tokens from Keyward's own authorization code flow: {@code /me} with a permission on the
 * signed-in user alone, other users only with a directory role that grants the token's scope (role ∩ scope, as
 * Graph), self-service passkey registration through {@code /me/authentication/fido2Methods}, and forged tokens.
 */
class DelegatedGraphIT extends GraphIT {

    static final URI REDIRECT = URI.create("https://delegated.it.example/callback");

    String userId;
    String userUpn;
    String otherId;

    @BeforeEach
    void arrange() {
        userUpn = upn("delegate");
        userId = graph.post("users", admin, userJson(userUpn, "Del Egate")).json().get("id").asText();
        otherId = graph.post("users", admin, userJson(upn("other"), "Other")).json().get("id").asText();
        Graph.Reply key = graph.post("users/" + otherId + "/authentication/fido2Methods", admin,
                Provisioning.body(Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN, creationOptionsFor(otherId)), null));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
    }

    @Test
    void userReadGetsTheSignedInUserWithoutAnyRole() {
        String token = delegatedToken(Set.of(), "User.Read");

        Graph.Reply me = graph.get("me", token);

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(userId);
        assertThat(me.json().get("userPrincipalName").asText()).isEqualTo(userUpn);
    }

    @Test
    void aPermissionOnTheSignedInUserDoesNotReachOtherUsers() {
        String token = delegatedToken(Set.of("UserAuthMethod-Passkey.ReadWrite"), "UserAuthMethod-Passkey.ReadWrite");

        Graph.Reply mine = graph.get("me/authentication/fido2Methods", token);
        Graph.Reply theirs = graph.get("users/" + otherId + "/authentication/fido2Methods", token);
        Graph.Reply mineByIdPath = graph.get("users/" + userId + "/authentication/fido2Methods", token);

        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(theirs.status()).isEqualTo(403);
        assertThat(theirs.errorCode()).isEqualTo("Authorization_RequestDenied");
        assertThat(theirs.json().path("error").path("message").asText()).contains("/me");
        assertThat(mineByIdPath.status()).isEqualTo(403);
    }

    @Test
    void anAuthenticationAdministratorWithTheScopeReachesOtherUsers() {
        TestDirectory.assignRole(userId, DirectoryRole.AUTHENTICATION_ADMINISTRATOR.templateId());
        String token = delegatedToken(Set.of("UserAuthenticationMethod.ReadWrite.All"), "UserAuthenticationMethod.ReadWrite.All");

        Graph.Reply theirs = graph.get("users/" + otherId + "/authentication/fido2Methods", token);

        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(200);
        assertThat(theirs.json().get("value")).hasSize(1);
    }

    @Test
    void theRoleWithoutTheScopeIsRefused() {
        TestDirectory.assignRole(userId, DirectoryRole.AUTHENTICATION_ADMINISTRATOR.templateId());
        String token = delegatedToken(Set.of("UserAuthenticationMethod.ReadWrite.All"), "User.Read");

        Graph.Reply theirs = graph.get("users/" + otherId + "/authentication/fido2Methods", token);

        assertThat(theirs.status()).isEqualTo(403);
        assertThat(theirs.errorCode()).isEqualTo("Authorization_RequestDenied");
    }

    @Test
    void theScopeWithoutARoleThatGrantsItIsRefused() {
        TestDirectory.assignRole(userId, DirectoryRole.GLOBAL_READER.templateId());
        String token = delegatedToken(Set.of("UserAuthenticationMethod.ReadWrite.All"), "UserAuthenticationMethod.ReadWrite.All");

        Graph.Reply list = graph.get("users/" + otherId + "/authentication/fido2Methods", token);

        assertThat(list.status()).isEqualTo(403);
        assertThat(list.errorCode()).isEqualTo("Authorization_RequestDenied");
    }

    @Test
    void anAppIsRefusedADelegatedPermissionNoAdministratorGrantedIt() {
        TestDirectory.Client app = TestDirectory.webApp("Delegated it ungranted", true, Set.of(REDIRECT.toString()), Set.of(), Set.of());
        OidcClient client = new OidcClient(graph.root(), TestDirectory.tenantId(), app, REDIRECT);

        AuthenticationResponse response = OidcClient.response(new Browser(graph.root())
                .navigate(client.attempt("openid UserAuthenticationMethod.ReadWrite.All").request().toURI()));

        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");
    }

    @Test
    void aUserRegistersTheirOwnPasskeyThroughMe() {
        String token = delegatedToken(Set.of("UserAuthMethod-Passkey.ReadWrite"), "UserAuthMethod-Passkey.ReadWrite");

        Graph.Reply options = graph.get("me/authentication/fido2Methods/creationOptions", token);
        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        Graph.Reply created = graph.post("me/authentication/fido2Methods", token,
                Provisioning.body(Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN, options.json()), "My key"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods", admin).json().get("value")).hasSize(1);
    }

    @Test
    void aSignedInUserCannotStateHowTheirKeyWasProvisioned() {
        String token = delegatedToken(Set.of("UserAuthMethod-Passkey.ReadWrite"), "UserAuthMethod-Passkey.ReadWrite");
        JsonNode options = graph.get("me/authentication/fido2Methods/creationOptions", token).json();

        Graph.Reply refused = graph.post("me/authentication/fido2Methods", token,
                ProvisioningAnnotationIT.bodyWith(options, ProvisioningAnnotationIT.STATED));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalidRequest");
        assertThat(refused.json().path("error").path("message").asText()).contains("only from an application");
        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods", admin).json().get("value")).isEmpty();
    }

    @Test
    void aPasswordSignInCannotRegisterAPasskeyThroughMe() {
        graph.patch("users/" + userId, admin, "{\"passwordProfile\":{\"password\":\"correct horse battery staple\"}}");
        TestDirectory.Client app = TestDirectory.webApp("Delegated it password", true, Set.of(REDIRECT.toString()), Set.of(),
                Set.of("UserAuthMethod-Passkey.ReadWrite"));
        OidcClient client = new OidcClient(graph.root(), TestDirectory.tenantId(), app, REDIRECT);
        Browser browser = new Browser(graph.root());
        OidcClient.Attempt attempt = client.attempt("openid UserAuthMethod-Passkey.ReadWrite");
        browser.navigate(attempt.request().toURI());
        Graph.Reply signedIn = browser.post("signin/password", "{\"userPrincipalName\":\"" + userUpn + "\",\"password\":\"correct horse battery staple\"}");
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        AuthenticationResponse response = OidcClient.response(browser.navigate(URI.create(signedIn.json().get("next").asText())));
        var tokens = OidcClient.success(client.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()));

        Graph.Reply options = graph.get("me/authentication/fido2Methods/creationOptions", tokens.getOIDCTokens().getAccessToken().getValue());

        assertThat(tokens.getOIDCTokens().getAccessToken().getScope().toStringList()).doesNotContain("UserAuthMethod-Passkey.ReadWrite");
        assertThat(options.status()).isEqualTo(403);
        assertThat(options.errorCode()).isEqualTo("Authorization_RequestDenied");
    }

    /**
     * Authentication strengths and conditional access policies with delegated tokens: the directory role must grant
     * the token's scope (Conditional Access Administrator and Authentication Policy Administrator write strengths,
     * only the former and Global Administrator write policies, Global Reader reads both); the Conditional Access
     * Administrator also lists the apps (service principals) a policy can target.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} with {1}: {2} {3} → {4}")
    @org.junit.jupiter.params.provider.CsvSource({
            "CONDITIONAL_ACCESS_ADMINISTRATOR, Policy.ReadWrite.ConditionalAccess, POST, strengths, 201",
            "AUTHENTICATION_POLICY_ADMINISTRATOR, Policy.ReadWrite.AuthenticationMethod, POST, strengths, 201",
            "GLOBAL_ADMINISTRATOR, Policy.ReadWrite.ConditionalAccess, POST, strengths, 201",
            "GLOBAL_READER, Policy.Read.AuthenticationMethod, GET, strengths, 200",
            "GLOBAL_READER, Policy.ReadWrite.ConditionalAccess, POST, strengths, 403",
            "REPORTS_READER, Policy.Read.AuthenticationMethod, GET, strengths, 403",
            "CONDITIONAL_ACCESS_ADMINISTRATOR, Policy.ReadWrite.ConditionalAccess, POST, policies, 201",
            "GLOBAL_ADMINISTRATOR, Policy.ReadWrite.ConditionalAccess, POST, policies, 201",
            "AUTHENTICATION_POLICY_ADMINISTRATOR, Policy.ReadWrite.ConditionalAccess, POST, policies, 403",
            "GLOBAL_READER, Policy.Read.All, GET, policies, 200",
            "GLOBAL_READER, Policy.ReadWrite.ConditionalAccess, POST, policies, 403",
            "CONDITIONAL_ACCESS_ADMINISTRATOR, Policy.Read.All, GET, policies, 200",
            "CONDITIONAL_ACCESS_ADMINISTRATOR, Policy.Read.All, POST, policies, 403",
            "CONDITIONAL_ACCESS_ADMINISTRATOR, Application.Read.All, GET, apps, 200",
            "AUTHENTICATION_POLICY_ADMINISTRATOR, Application.Read.All, GET, apps, 403"})
    void strengthsAndConditionalAccessNeedARoleThatGrantsTheScope(DirectoryRole role, String scope, String method, String collection, int expected) {
        TestDirectory.assignRole(userId, role.templateId());
        String token = delegatedToken(Set.of(scope), scope);
        String path = switch (collection) {
            case "strengths" -> "policies/authenticationStrengthPolicies";
            case "apps" -> "servicePrincipals?$select=appId,displayName";
            default -> "identity/conditionalAccess/policies";
        };
        String body = collection.equals("strengths")
                ? "{\"displayName\":\"Delegated " + java.util.UUID.randomUUID() + "\",\"allowedCombinations\":[\"fido2\"]}"
                : "{\"displayName\":\"Delegated\",\"state\":\"disabled\",\"conditions\":{\"users\":{\"includeUsers\":[\"" + otherId
                + "\"]},\"applications\":{\"includeApplications\":[\"All\"]}},\"grantControls\":{\"operator\":\"OR\",\"builtInControls\":[\"block\"]}}";

        Graph.Reply reply = method.equals("GET") ? graph.get(path, token) : graph.post(path, token, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
        if (expected == 403) {
            assertThat(reply.errorCode()).isEqualTo("Authorization_RequestDenied");
        }
        if (expected == 201) {
            assertThat(graph.delete(path + "/" + reply.json().get("id").asText(), admin).status()).isEqualTo(204);
        }
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String token = delegatedToken(Set.of(), "User.Read");
        String unsigned = new PlainJWT(SignedJWT.parse(token).getJWTClaimsSet()).serialize();

        Graph.Reply reply = graph.get("me", unsigned);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void aTokenMacedWithThePublicKeyIsRefused() throws Exception {
        String token = delegatedToken(Set.of(), "User.Read");
        SignedJWT original = SignedJWT.parse(token);
        JWKSet keys = JWKSet.load(graph.root().resolve(TestDirectory.tenantId() + "/discovery/v2.0/keys").toURL());
        // The RSA key that signs ID tokens (and signed access tokens before ES256): the classic confusion target.
        RSAKey publicKey = keys.getKeys().stream().filter(RSAKey.class::isInstance).map(RSAKey.class::cast).findFirst().orElseThrow();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(), original.getJWTClaimsSet());
        forged.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));

        Graph.Reply reply = graph.get("me", forged.serialize());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("invalidTokenAlgorithm");
    }

    /**
     * A delegated access token of this test's user, from an app granted {@code granted}, asking for {@code scope}: the
     * user signs in with a Temporary Access Pass on Keyward's page during the authorization code flow.
     */
    private String delegatedToken(Set<String> granted, String scope) {
        TestDirectory.Client app = TestDirectory.webApp("Delegated it app", true, Set.of(REDIRECT.toString()), Set.of(), granted);
        OidcClient client = new OidcClient(graph.root(), TestDirectory.tenantId(), app, REDIRECT);
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}")
                .json().get("temporaryAccessPass").asText();
        Browser browser = new Browser(graph.root());
        OidcClient.Attempt attempt = client.attempt("openid " + scope);
        browser.navigate(attempt.request().toURI());
        Graph.Reply signedIn = browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn
                + "\",\"temporaryAccessPass\":\"" + pass + "\"}");
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        AuthenticationResponse response = OidcClient.response(browser.navigate(URI.create(signedIn.json().get("next").asText())));
        return OidcClient.success(client.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()))
                .getOIDCTokens().getAccessToken().getValue();
    }
}
