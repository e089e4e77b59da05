package io.keyward.server.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import java.io.IOException;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * An app signing users in with Keyward, built on the Nimbus OAuth 2.0 SDK as a real relying party would be: it
 * reads the discovery document, sends authorization requests with PKCE, state and nonce, redeems codes, refreshes
 * tokens and validates ID tokens against the JWKS. The browser is {@link Browser}.
 */
final class OidcClient {

    final OIDCProviderMetadata provider;
    final ClientID clientId;
    final Secret secret;
    final URI redirectUri;

    /** What one authorization request sent, to check the answer against. */
    record Attempt(AuthenticationRequest request, State state, Nonce nonce, CodeVerifier verifier) {
    }

    OidcClient(URI root, String tenant, TestDirectory.Client client, URI redirectUri) {
        try {
            this.provider = OIDCProviderMetadata.resolve(new Issuer(root.resolve(tenant + "/v2.0").toString()));
        } catch (Exception e) {
            throw new AssertionError("Discovery failed", e);
        }
        this.clientId = new ClientID(client.clientId());
        this.secret = client.secret() == null ? null : new Secret(client.secret());
        this.redirectUri = redirectUri;
    }

    Attempt attempt(String scope) {
        return attempt(scope, builder -> builder);
    }

    /** An authorization request for {@code scope} (S256 PKCE, state and nonce), changed by {@code change}. */
    Attempt attempt(String scope, UnaryOperator<AuthenticationRequest.Builder> change) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = change.apply(new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(scope), clientId, redirectUri)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)).build();
        return new Attempt(request, state, nonce, verifier);
    }

    static AuthenticationResponse response(Graph.Reply redirect) {
        try {
            return AuthenticationResponseParser.parse(URI.create(redirect.header("Location")));
        } catch (ParseException e) {
            throw new AssertionError("Not an authorization response: " + redirect.header("Location"), e);
        }
    }

    TokenResponse redeem(AuthorizationCode code, CodeVerifier verifier) {
        return token(new AuthorizationCodeGrant(code, redirectUri, verifier));
    }

    TokenResponse refresh(RefreshToken token) {
        return token(new RefreshTokenGrant(token));
    }

    @SuppressWarnings("deprecation")
    TokenResponse token(AuthorizationGrant grant) {
        TokenRequest request = secret == null
                ? new TokenRequest(provider.getTokenEndpointURI(), clientId, grant)
                : new TokenRequest(provider.getTokenEndpointURI(), new ClientSecretBasic(clientId, secret), grant);
        try {
            return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        } catch (IOException | ParseException e) {
            throw new AssertionError("Token request failed", e);
        }
    }

    static OIDCTokenResponse success(TokenResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("Token request refused: " + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    static ErrorObject error(TokenResponse response) {
        if (response.indicatesSuccess()) {
            throw new AssertionError("Token request succeeded, but should have been refused");
        }
        return response.toErrorResponse().getErrorObject();
    }

    /** Validates an ID token as a relying party must: signature from the JWKS, RS256, issuer, audience, times, nonce. */
    IDTokenClaimsSet validate(JWT idToken, Nonce nonce) throws Exception {
        return new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256, provider.getJWKSetURI().toURL()).validate(idToken, nonce);
    }

    static ResponseMode formPost() {
        return ResponseMode.FORM_POST;
    }
}
