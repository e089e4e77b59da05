package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.HexFormat;
import java.util.Set;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyward as an OpenID Connect provider, driven by the Nimbus OAuth 2.0 SDK as the app and {@link Browser} (with a
 * webauthn4j emulator) as the person: authorize → sign in on Keyward's page → code → tokens → ID token validated →
 * userinfo → refresh rotation → end session; and every refusal with its RFC error code.
 */
class OpenIdConnectIT extends GraphIT {

    static final URI REDIRECT = URI.create("https://app.it.example/callback");
    static final URI LOGGED_OUT = URI.create("https://app.it.example/signed-out");

    String tenant;
    String userId;
    String userUpn;
    PackedAuthenticator key;
    TestDirectory.Client app;
    OidcClient client;
    Browser browser;

    @BeforeEach
    void arrange() {
        tenant = TestDirectory.tenantId();
        userUpn = upn("oidc");
        userId = graph.post("users", admin, userJson(userUpn, "Olivia Idc")).json().get("id").asText();
        key = new PackedAuthenticator();
        Graph.Reply created = graph.post("users/" + userId + "/authentication/fido2Methods", admin,
                Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, creationOptionsFor(userId)), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        app = TestDirectory.webApp("OIDC it app", true, Set.of(REDIRECT.toString()), Set.of(LOGGED_OUT.toString()), Set.of());
        client = new OidcClient(graph.root(), tenant, app, REDIRECT);
        browser = new Browser(graph.root());
    }

    @Test
    void codeFlowWithPkceSignsInValidatesTheIdTokenRefreshesAndSignsOut() throws Exception {
        OidcClient.Attempt attempt = client.attempt("openid profile email offline_access");

        Graph.Reply toSignIn = browser.navigate(attempt.request().toURI());
        assertThat(toSignIn.status()).isEqualTo(303);
        assertThat(toSignIn.header("Location")).endsWith("/signin");
        Graph.Reply signedIn = browser.signIn(key, null);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        String next = signedIn.json().get("next").asText();
        assertThat(next).startsWith("/" + tenant + "/oauth2/v2.0/authorize/continue?request=");
        Graph.Reply back = browser.navigate(URI.create(next));
        AuthenticationResponse response = OidcClient.response(back);

        assertThat(response.indicatesSuccess()).as(back.header("Location")).isTrue();
        assertThat(response.getState()).isEqualTo(attempt.state());
        assertThat(back.header("Location")).startsWith(REDIRECT + "?code=").contains("&iss=");
        OIDCTokenResponse tokens = OidcClient.success(client.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()));
        IDTokenClaimsSet id = client.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce());
        assertThat(id.getSubject().getValue()).isEqualTo(userId);
        assertThat(id.getAMR()).extracting(Object::toString).containsExactly("fido", "hwk", "mfa");
        assertThat(id.getACR().getValue()).isEqualTo("urn:keyward:acr:phishing-resistant");
        assertThat(id.getAuthenticationTime()).isNotNull();
        assertThat(id.getStringClaim("sid")).isNotBlank();
        assertThat(id.getStringClaim("preferred_username")).isEqualTo(userUpn);
        assertThat(tokens.getOIDCTokens().getRefreshToken()).isNotNull();

        UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(client.provider.getUserInfoEndpointURI(),
                (BearerAccessToken) tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send());
        assertThat(info.indicatesSuccess()).isTrue();
        assertThat(info.toSuccessResponse().getUserInfo().getSubject().getValue()).isEqualTo(userId);
        assertThat(info.toSuccessResponse().getUserInfo().getPreferredUsername()).isEqualTo(userUpn);

        OIDCTokenResponse refreshed = OidcClient.success(client.refresh(tokens.getOIDCTokens().getRefreshToken()));
        assertThat(refreshed.getOIDCTokens().getRefreshToken()).isNotEqualTo(tokens.getOIDCTokens().getRefreshToken());
        assertThat(client.validate(refreshed.getOIDCTokens().getIDToken(), null).getStringClaim("sid")).isEqualTo(id.getStringClaim("sid"));

        URI logout = new LogoutRequest(client.provider.getEndSessionEndpointURI(), tokens.getOIDCTokens().getIDToken(), LOGGED_OUT,
                attempt.state()).toURI();
        Graph.Reply signedOut = browser.navigate(logout);
        assertThat(signedOut.status()).isEqualTo(303);
        assertThat(signedOut.header("Location")).isEqualTo(LOGGED_OUT + "?state=" + attempt.state().getValue());
        Graph.Reply silent = browser.navigate(client.attempt("openid", b -> b.prompt(new Prompt(Prompt.Type.NONE))).request().toURI());
        assertThat(OidcClient.response(silent).toErrorResponse().getErrorObject().getCode()).isEqualTo("login_required");
    }

    @Test
    void theSignInLogNamesTheAppBeingSignedInto() {
        browser.navigate(client.attempt("openid").request().toURI());
        browser.signIn(key, null);

        JsonNode entry = graph.get(("auditLogs/signIns?$top=1&$filter=userId eq '" + userId + "'").replace(" ", "%20").replace("'", "%27"), admin)
                .json().get("value").get(0);
        assertThat(entry.get("appId").asText()).isEqualTo(app.clientId());
        assertThat(entry.get("appDisplayName").asText()).isEqualTo("OIDC it app");
    }

    @Test
    void aSignedInBrowserGetsACodeWithoutSigningInAgain() {
        signInThroughAnApp();

        Graph.Reply again = browser.navigate(client.attempt("openid").request().toURI());

        assertThat(OidcClient.response(again).indicatesSuccess()).as(again.header("Location")).isTrue();
    }

    @Test
    void promptLoginAndAnExceededMaxAgeSendThePersonBackToTheSignInPage() throws Exception {
        signInThroughAnApp();

        Graph.Reply login = browser.navigate(client.attempt("openid", b -> b.prompt(new Prompt(Prompt.Type.LOGIN))).request().toURI());
        Graph.Reply maxAge = browser.navigate(client.attempt("openid", b -> b.maxAge(0)).request().toURI());

        assertThat(login.header("Location")).endsWith("/signin");
        assertThat(maxAge.header("Location")).endsWith("/signin");
    }

    @Test
    void loginHintFillsTheNameOnTheSignInPage() throws Exception {
        Graph.Reply toSignIn = browser.navigate(client.attempt("openid", b -> b.loginHint(userUpn)).request().toURI());

        assertThat(toSignIn.header("Location")).endsWith("/signin?login_hint=" + Graph.enc(userUpn));
    }

    @Test
    void promptNoneWithoutASessionIsLoginRequired() throws Exception {
        OidcClient.Attempt attempt = client.attempt("openid", b -> b.prompt(new Prompt(Prompt.Type.NONE)));

        AuthenticationResponse response = OidcClient.response(browser.navigate(attempt.request().toURI()));

        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("login_required");
        assertThat(response.getState()).isEqualTo(attempt.state());
    }

    @Test
    void formPostResponseModePostsTheCodeToTheApp() throws Exception {
        signInThroughAnApp();

        Graph.Reply page = browser.navigate(client.attempt("openid", b -> b.responseMode(ResponseMode.FORM_POST)).request().toURI());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"" + REDIRECT + "\"").contains("name=\"code\"").contains("name=\"state\"");
        assertThat(page.header("Content-Security-Policy")).contains("form-action https://app.it.example");
    }

    @Test
    void plainPkceIsRefused() {
        URI plain = URI.create(client.attempt("openid").request().toURI().toString().replace("code_challenge_method=S256", "code_challenge_method=plain"));

        AuthenticationResponse response = OidcClient.response(browser.navigate(plain));

        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(response.toErrorResponse().getErrorObject().getDescription()).contains("S256");
    }

    @Test
    void aRequestWithoutPkceIsRefused() {
        URI none = URI.create(client.attempt("openid").request().toURI().toString().replaceAll("&code_challenge(_method)?=[^&]*", ""));

        AuthenticationResponse response = OidcClient.response(browser.navigate(none));

        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(response.toErrorResponse().getErrorObject().getDescription()).contains("PKCE");
    }

    @Test
    void unregisteredRedirectUrisGetAnErrorPageAndNeverARedirect() {
        for (String attempt : new String[]{"https://evil.example/callback", REDIRECT + "/", REDIRECT + "?next=https://evil.example",
                "https://APP.it.example/callback", REDIRECT + "/../../evil", "https://app.it.example.evil.example/callback"}) {
            String url = client.attempt("openid").request().toURI().toString().replace(Graph.enc(REDIRECT.toString()), Graph.enc(attempt));

            Graph.Reply reply = browser.navigate(URI.create(url));

            assertThat(reply.status()).as(attempt).isEqualTo(400);
            assertThat(reply.header("Location")).as(attempt).isNull();
            assertThat(reply.body()).contains("is not registered");
        }
    }

    @Test
    void anUnknownClientGetsAnErrorPage() {
        String url = client.attempt("openid").request().toURI().toString().replace(app.clientId(), "11111111-2222-3333-4444-555555555555");

        Graph.Reply reply = browser.navigate(URI.create(url));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Location")).isNull();
    }

    @Test
    void aWrongCodeVerifierIsRefusedAndBurnsTheCode() {
        Code code = code("openid");

        var wrong = OidcClient.error(client.redeem(code.code(), new com.nimbusds.oauth2.sdk.pkce.CodeVerifier()));
        var afterwards = OidcClient.error(client.redeem(code.code(), code.verifier()));

        assertThat(wrong.getCode()).isEqualTo("invalid_grant");
        assertThat(wrong.getDescription()).contains("code_verifier");
        assertThat(afterwards.getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesTheRefreshTokenItIssued() {
        Code code = code("openid offline_access");
        OIDCTokenResponse first = OidcClient.success(client.redeem(code.code(), code.verifier()));

        var replay = OidcClient.error(client.redeem(code.code(), code.verifier()));
        var refresh = OidcClient.error(client.refresh(first.getOIDCTokens().getRefreshToken()));

        assertThat(replay.getCode()).isEqualTo("invalid_grant");
        assertThat(replay.getDescription()).contains("already been redeemed");
        assertThat(refresh.getCode()).isEqualTo("invalid_grant");
        assertThat(refresh.getDescription()).contains("revoked");
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        Code code = code("openid offline_access");
        RefreshToken original = OidcClient.success(client.redeem(code.code(), code.verifier())).getOIDCTokens().getRefreshToken();
        RefreshToken rotated = OidcClient.success(client.refresh(original)).getOIDCTokens().getRefreshToken();

        var reuse = OidcClient.error(client.refresh(original));
        var latest = OidcClient.error(client.refresh(rotated));

        assertThat(reuse.getCode()).isEqualTo("invalid_grant");
        assertThat(reuse.getDescription()).contains("already been used");
        assertThat(latest.getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void revokingTheUsersSignInSessionsRevokesTheirRefreshTokens() {
        Code code = code("openid offline_access");
        RefreshToken refresh = OidcClient.success(client.redeem(code.code(), code.verifier())).getOIDCTokens().getRefreshToken();
        assertThat(graph.post("users/" + userId + "/revokeSignInSessions", admin, "{}").status()).isEqualTo(200);

        var refused = OidcClient.error(client.refresh(refresh));

        assertThat(refused.getCode()).isEqualTo("invalid_grant");
        assertThat(refused.getDescription()).contains("revoked");
    }

    @Test
    void aRedirectUriDifferentFromTheAuthorizationRequestsIsRefusedAtTheTokenEndpoint() {
        Code code = code("openid");
        OidcClient other = new OidcClient(graph.root(), tenant, app, URI.create("https://app.it.example/other"));

        var refused = OidcClient.error(other.redeem(code.code(), code.verifier()));

        assertThat(refused.getCode()).isEqualTo("invalid_grant");
        assertThat(refused.getDescription()).contains("redirect_uri");
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Code code = code("openid");
        TestDirectory.update("update authorization_code set expires_at = ? where code_hash = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(5)), sha256(code.code().getValue()));

        var refused = OidcClient.error(client.redeem(code.code(), code.verifier()));

        assertThat(refused.getCode()).isEqualTo("invalid_grant");
        assertThat(refused.getDescription()).contains("expired");
    }

    /**
     * Housekeeping (every 2 s in the ITs, arquillian.xml) removes what can no longer be used nor tell of an attack and
     * keeps the rest: rows are aged with SQL past each rule's bound, or just inside it, and the background run must
     * remove exactly the former. No sign-in runs these deletes any more (docs/operations.md, "Housekeeping").
     */
    @Test
    void housekeepingRemovesSpentRowsInTheBackgroundAndKeepsWhatCanStillBeUsed() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        double removedBefore = OperationsIT.value(OperationsIT.scrape(), "keyward_housekeeping_deleted_rows_total",
                java.util.Map.of("table", "authorization_code"));
        // Codes never redeemed: expired for two hours (removed), expired a moment ago (kept: refused as expired).
        String stale = sha256(code("openid").code().getValue());
        String justExpired = sha256(code("openid").code().getValue());
        TestDirectory.update("update authorization_code set expires_at = ? where code_hash = ?", ts(now.minusSeconds(7_200)), stale);
        TestDirectory.update("update authorization_code set expires_at = ? where code_hash = ?", ts(now.minusSeconds(5)), justExpired);
        // Redeemed codes with their grants and refresh tokens: one redeemed past the refresh-token lifetime (14 days)
        // whose token has expired (code, token and grant removed); one redeemed a day ago whose grant is as old but
        // whose token lives (all kept: a replay of that code must still revoke the grant).
        Redeemed old = redeemedWithRefreshToken();
        Redeemed recent = redeemedWithRefreshToken();
        TestDirectory.update("update authorization_code set redeemed_at = ? where code_hash = ?", ts(now.minus(java.time.Duration.ofDays(15))), old.codeHash());
        TestDirectory.update("update refresh_token set expires_at = ? where token_hash = ?", ts(now.minusSeconds(1)), old.refreshTokenHash());
        TestDirectory.update("update authorization_code set redeemed_at = ? where code_hash = ?", ts(now.minus(java.time.Duration.ofDays(1))), recent.codeHash());
        TestDirectory.update("update oauth_grant set created_at = ? where id in (?, ?)", ts(now.minus(java.time.Duration.ofDays(15))),
                old.grantId(), recent.grantId());
        // A registration challenge expired two hours ago, an expired sign-in session and an expired parked request.
        String challenge = creationOptionsFor(userId).get("publicKey").get("challenge").asText();
        TestDirectory.update("update webauthn_challenge set expires_at = ? where challenge = ?", ts(now.minusSeconds(7_200)), challenge);
        assertThat(TestDirectory.update("update sign_in_session set expires_at = ? where user_id = ?", ts(now.minusSeconds(1)),
                java.util.UUID.fromString(userId))).isPositive();
        Graph.Reply parked = new Browser(graph.root()).navigate(client.attempt("openid").request().toURI());
        assertThat(parked.header("Location")).endsWith("/signin");
        String parkedWhere = "pending_authorization where application_id = (select id from application where app_id = ?)";
        java.util.UUID clientId = java.util.UUID.fromString(app.clientId());
        assertThat(TestDirectory.update("update " + parkedWhere.replace("pending_authorization where", "pending_authorization set expires_at = ? where"),
                ts(now.minusSeconds(1)), clientId)).isEqualTo(1);

        eventually(java.time.Duration.ofSeconds(30), () -> {
            assertThat(rows("authorization_code where code_hash = ?", stale)).as("a code expired for two hours").isZero();
            assertThat(rows("authorization_code where code_hash = ?", old.codeHash())).as("a code redeemed 15 days ago").isZero();
            assertThat(rows("refresh_token where token_hash = ?", old.refreshTokenHash())).as("an expired refresh token").isZero();
            assertThat(rows("oauth_grant where id = ?", old.grantId())).as("an old grant without refresh tokens").isZero();
            assertThat(rows("webauthn_challenge where challenge = ?", challenge)).as("a challenge expired for two hours").isZero();
            assertThat(rows("sign_in_session where user_id = ?", java.util.UUID.fromString(userId))).as("an expired session").isZero();
            assertThat(rows(parkedWhere, clientId)).as("an expired parked request").isZero();
        });
        assertThat(rows("authorization_code where code_hash = ?", justExpired)).as("a code expired a moment ago").isOne();
        assertThat(rows("authorization_code where code_hash = ?", recent.codeHash())).as("a code redeemed a day ago").isOne();
        assertThat(rows("refresh_token where token_hash = ?", recent.refreshTokenHash())).as("a live refresh token").isOne();
        assertThat(rows("oauth_grant where id = ?", recent.grantId())).as("an old grant with a live refresh token").isOne();
        assertThat(OperationsIT.value(OperationsIT.scrape(), "keyward_housekeeping_deleted_rows_total",
                java.util.Map.of("table", "authorization_code"))).as("codes removed, counted").isGreaterThanOrEqualTo(removedBefore + 2);
    }

    private record Redeemed(String codeHash, java.util.UUID grantId, String refreshTokenHash) {
    }

    private Redeemed redeemedWithRefreshToken() throws Exception {
        Code code = code("openid offline_access");
        OIDCTokenResponse tokens = OidcClient.success(client.redeem(code.code(), code.verifier()));
        String codeHash = sha256(code.code().getValue());
        String grant;
        try (var db = TestDirectory.connect(); var st = db.prepareStatement("select grant_id from authorization_code where code_hash = ?")) {
            st.setString(1, codeHash);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                grant = rs.getString(1);
            }
        }
        return new Redeemed(codeHash, java.util.UUID.fromString(grant), sha256(tokens.getOIDCTokens().getRefreshToken().getValue()));
    }

    /** Runs {@code check} until it passes or {@code within} has passed, then once more to report why it fails. */
    private static void eventually(java.time.Duration within, Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                check.run();
                return;
            } catch (AssertionError notYet) {
                Thread.sleep(250);
            }
        }
        check.run();
    }

    private static long rows(String fromWhere, Object argument) {
        return TestDirectory.count("select count(*) from " + fromWhere, argument);
    }

    private static java.sql.Timestamp ts(java.time.Instant instant) {
        return java.sql.Timestamp.from(instant);
    }

    @Test
    void aWrongClientSecretIsInvalidClient() {
        Code code = code("openid");
        OidcClient impostor = new OidcClient(graph.root(), tenant, new TestDirectory.Client(app.clientId(), "wrong-secret"), REDIRECT);

        var refused = OidcClient.error(impostor.redeem(code.code(), code.verifier()));

        assertThat(refused.getCode()).isEqualTo("invalid_client");
        assertThat(refused.getHTTPStatusCode()).isEqualTo(401);
    }

    @Test
    void aConfidentialClientMustAuthenticate() {
        Code code = code("openid");
        OidcClient unauthenticated = new OidcClient(graph.root(), tenant, new TestDirectory.Client(app.clientId(), null), REDIRECT);

        assertThat(OidcClient.error(unauthenticated.redeem(code.code(), code.verifier())).getCode()).isEqualTo("invalid_client");
    }

    @Test
    void aPublicClientRedeemsWithPkceAlone() throws Exception {
        TestDirectory.Client spa = TestDirectory.webApp("OIDC it public app", false, Set.of(REDIRECT.toString()), Set.of(), Set.of());
        OidcClient publicClient = new OidcClient(graph.root(), tenant, spa, REDIRECT);
        signInThroughAnApp();
        OidcClient.Attempt attempt = publicClient.attempt("openid");
        AuthenticationResponse response = OidcClient.response(browser.navigate(attempt.request().toURI()));

        OIDCTokenResponse tokens = OidcClient.success(publicClient.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()));

        assertThat(publicClient.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce()).getAudience().get(0).getValue()).isEqualTo(spa.clientId());
    }

    @Test
    void aPostLogoutRedirectUriThatIsNotRegisteredIsNotFollowed() {
        signInThroughAnApp();

        Graph.Reply reply = browser.navigate(URI.create(client.provider.getEndSessionEndpointURI() + "?client_id=" + app.clientId()
                + "&post_logout_redirect_uri=" + Graph.enc("https://evil.example/")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Location")).isNull();
    }

    @Test
    void onlyAnRs256IdTokenUnderTheRsaKeyIsAnIdTokenHint() throws Exception {
        Code code = signInThroughAnApp();
        OIDCTokenResponse tokens = OidcClient.success(client.redeem(code.code(), code.verifier()));
        String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();
        com.nimbusds.jwt.SignedJWT idToken = com.nimbusds.jwt.SignedJWT.parse(tokens.getOIDCTokens().getIDTokenString());
        // The ID token's claims, RS256, under the access-token (EC) key's id, signed by another RSA key.
        com.nimbusds.jwt.SignedJWT underEcKid = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                        .keyID(com.nimbusds.jwt.SignedJWT.parse(accessToken).getHeader().getKeyID()).build(),
                idToken.getJWTClaimsSet());
        underEcKid.sign(new com.nimbusds.jose.crypto.RSASSASigner(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate()));

        for (String hint : List.of(accessToken, underEcKid.serialize())) {
            Graph.Reply reply = browser.navigate(URI.create(client.provider.getEndSessionEndpointURI() + "?id_token_hint="
                    + Graph.enc(hint) + "&post_logout_redirect_uri=" + Graph.enc(LOGGED_OUT.toString())));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.header("Location")).isNull();
            assertThat(reply.body()).contains("The id_token_hint is not an ID token issued by this Keyward server.");
        }
    }

    @Test
    void discoveryListsWhatIsImplemented() {
        assertThat(client.provider.getGrantTypes()).extracting(Object::toString)
                .containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
        assertThat(client.provider.getCodeChallengeMethods()).extracting(Object::toString).containsExactly("S256");
        assertThat(client.provider.getResponseModes()).extracting(Object::toString).containsExactlyInAnyOrder("query", "form_post");
        assertThat(client.provider.getUserInfoEndpointURI()).isNotNull();
        assertThat(client.provider.getEndSessionEndpointURI()).isNotNull();
    }

    /** The person signs in on Keyward's page for an authorization request, which then gets its code. */
    private Code signInThroughAnApp() {
        return code("openid");
    }

    private Code code(String scope) {
        OidcClient.Attempt attempt = client.attempt(scope);
        Graph.Reply first = browser.navigate(attempt.request().toURI());
        Graph.Reply back = first;
        if (first.header("Location") != null && first.header("Location").endsWith("/signin")) {
            Graph.Reply signedIn = browser.signIn(key, null);
            assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
            back = browser.navigate(URI.create(signedIn.json().get("next").asText()));
        }
        AuthenticationResponse response = OidcClient.response(back);
        assertThat(response.indicatesSuccess()).as(back.header("Location")).isTrue();
        return new Code(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier());
    }

    private record Code(AuthorizationCode code, com.nimbusds.oauth2.sdk.pkce.CodeVerifier verifier) {
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
