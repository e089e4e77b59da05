package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttachment;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A software security key (webauthn4j's emulator, packed attestation) and the client around it, for scenarios that
 * need no browser but must send each step of a ceremony to a node of their choice: provisioning through Graph
 * (creationOptions, then POST fido2Methods) and the sign-in page's API (options, then the assertion), each step to any
 * URL, with the public origin the browser would send.
 */
final class SoftPasskey {

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientPlatform platform;
    private final String origin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A new key used from Keyward's public origin, e.g. {@code http://localhost:8080}. */
    SoftPasskey(String origin) {
        this.origin = origin;
        this.platform = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(new PackedAuthenticator()));
    }

    /** A passkey answer to the server's reply, and what came back. */
    record Reply(int status, JsonNode body, Optional<String> sessionCookie) {
    }

    /**
     * Provisions a passkey on this key for {@code userId}: creationOptions from {@code optionsGraph}, the credential
     * POSTed to {@code registerGraph} (each a Graph base URL such as {@code http://node:port/graph/beta}).
     */
    GraphClient.Reply provision(GraphClient graph, String token, String optionsGraph, String registerGraph, String userId)
            throws IOException, InterruptedException {
        GraphClient.Reply options = graph.get(optionsGraph + "/users/" + userId + "/authentication/fido2Methods/creationOptions",
                Optional.of(token));
        if (options.status() != 200) {
            return options;
        }
        JsonNode pk = options.body().get("publicKey");
        List<PublicKeyCredentialParameters> params = new ArrayList<>();
        pk.get("pubKeyCredParams").forEach(p -> params.add(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                COSEAlgorithmIdentifier.create(p.get("alg").asLong()))));
        // Provisioning clients answer for https://{rp.id} (GRAPH-API.md §2.3), as a platform other than a browser does.
        ClientPlatform provisioning = new ClientPlatform(new Origin("https://" + pk.get("rp").get("id").asText()),
                platform.getAuthenticatorAdaptor());
        PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential = provisioning.create(
                new PublicKeyCredentialCreationOptions(new PublicKeyCredentialRpEntity(pk.get("rp").get("id").asText(), pk.get("rp").get("name").asText()),
                        new PublicKeyCredentialUserEntity(B64.decode(pk.get("user").get("id").asText()), pk.get("user").get("name").asText(),
                                pk.get("user").get("displayName").asText()),
                        new DefaultChallenge(B64.decode(pk.get("challenge").asText())), params, pk.get("timeout").asLong(), List.of(),
                        new AuthenticatorSelectionCriteria(AuthenticatorAttachment.CROSS_PLATFORM, true, ResidentKeyRequirement.REQUIRED,
                                UserVerificationRequirement.REQUIRED), AttestationConveyancePreference.DIRECT, null));
        ObjectNode body = JSON.createObjectNode();
        ObjectNode publicKeyCredential = body.putObject("publicKeyCredential");
        publicKeyCredential.put("id", B64E.encodeToString(credential.getRawId()));
        publicKeyCredential.putObject("response")
                .put("clientDataJSON", B64E.encodeToString(credential.getResponse().getClientDataJSON()))
                .put("attestationObject", B64E.encodeToString(credential.getResponse().getAttestationObject()));
        return graph.send("POST", registerGraph + "/users/" + userId + "/authentication/fido2Methods", token, body);
    }

    /**
     * A usernameless sign-in as the sign-in page makes it: {@code POST /signin/passkey/options} to {@code optionsNode},
     * the assertion to {@code finishNode} (base URLs of nodes).
     */
    Reply signIn(String optionsNode, String finishNode) throws IOException, InterruptedException {
        Reply options = post(optionsNode + "/signin/passkey/options", "{}");
        if (options.status() != 200) {
            return options;
        }
        JsonNode pk = options.body().get("publicKey");
        PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> assertion = platform.get(
                new PublicKeyCredentialRequestOptions(new DefaultChallenge(B64.decode(pk.get("challenge").asText())),
                        pk.get("timeout").asLong(), pk.get("rpId").asText(), List.of(), UserVerificationRequirement.REQUIRED, null));
        ObjectNode body = JSON.createObjectNode();
        body.put("id", B64E.encodeToString(assertion.getRawId())).put("rawId", B64E.encodeToString(assertion.getRawId())).put("type", "public-key");
        ObjectNode response = body.putObject("response");
        response.put("clientDataJSON", B64E.encodeToString(assertion.getResponse().getClientDataJSON()))
                .put("authenticatorData", B64E.encodeToString(assertion.getResponse().getAuthenticatorData()))
                .put("signature", B64E.encodeToString(assertion.getResponse().getSignature()));
        if (assertion.getResponse().getUserHandle() != null) {
            response.put("userHandle", B64E.encodeToString(assertion.getResponse().getUserHandle()));
        }
        body.putObject("clientExtensionResults");
        return post(finishNode + "/signin/passkey", body.toString());
    }

    /** What the Security info page's script reads about the signed-in user, with the session cookie given. */
    Reply myAccount(String node, String sessionCookie) throws IOException, InterruptedException {
        return reply(http.send(HttpRequest.newBuilder(URI.create(node + "/myaccount")).header("Accept", "application/json")
                .header("Cookie", sessionCookie).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Where {@code node}'s authorization endpoint sends the browser holding {@code sessionCookie} back to a public
     * client that asks for a code without interaction ({@code prompt=none}, PKCE S256): its {@code Location}, with a
     * {@code code} or an {@code error}.
     */
    String authorizeWithoutInteraction(String node, String tenant, String clientId, String redirectUri, String sessionCookie)
            throws IOException, InterruptedException {
        byte[] verifier = new byte[32];
        new java.security.SecureRandom().nextBytes(verifier);
        String challenge;
        try {
            challenge = B64E.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(B64E.encodeToString(verifier).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String query = "client_id=" + clientId + "&response_type=code&scope=openid&prompt=none&state=cluster"
                + "&redirect_uri=" + java.net.URLEncoder.encode(redirectUri, java.nio.charset.StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node + "/" + tenant + "/oauth2/v2.0/authorize?" + query))
                .header("Cookie", sessionCookie).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("Location").orElse("(no Location; " + response.statusCode() + " " + response.body() + ")");
    }

    private Reply post(String url, String json) throws IOException, InterruptedException {
        return reply(http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Origin", origin).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Reply reply(HttpResponse<String> response) throws IOException {
        JsonNode body = response.body() == null || response.body().isBlank() ? JSON.nullNode() : readOrText(response.body());
        Optional<String> cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("keyward_session=") || c.startsWith("__Host-keyward_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst();
        return new Reply(response.statusCode(), body, cookie);
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
