package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** What a browser does against Keyward's sign-in API, with a webauthn4j emulator as its authenticator. */
final class Browser {

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final URI root;
    /** The client address the test server's trusted proxy (127.0.0.1) says it forwards for; null: none said. */
    private final String forwardedFor;
    /** The cookies the server set, by name (the session cookie, a parked authorization request's reference). */
    private final java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();

    Browser(URI root) {
        this(root, null);
    }

    /**
     * A browser at {@code clientAddress} behind a reverse proxy: the ITs' server trusts 127.0.0.1 as a proxy
     * ({@code keyward.trusted-proxies}), so its {@code X-Forwarded-For} is the client address the server sees.
     */
    Browser(URI root, String clientAddress) {
        this.root = root;
        this.forwardedFor = clientAddress;
    }

    /** A same-origin POST of JSON, as the pages' scripts send it (browsers add {@code Origin} to every fetch POST). */
    Graph.Reply post(String path, String json) {
        return post(path, json, "application/json", origin());
    }

    /** A POST with the given content type and {@code Origin} (null: none), e.g. what another site's form sends. */
    Graph.Reply post(String path, String body, String contentType, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path)).header("Content-Type", contentType)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    /** A top-level navigation: GET of an absolute or server-relative URL, redirects not followed, cookies kept. */
    Graph.Reply navigate(URI url) {
        return send(HttpRequest.newBuilder(root.resolve(url)).header("Accept", "text/html").GET());
    }

    /** A browser submitting an HTML form (e.g. an app's authorization request sent as a POST). */
    Graph.Reply submitForm(URI url, String form) {
        return send(HttpRequest.newBuilder(root.resolve(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    boolean hasCookie(String name) {
        return cookies.containsKey(name);
    }

    private Graph.Reply send(HttpRequest.Builder request) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        Graph.Reply reply = Graph.send(request);
        for (String header : reply.raw().headers().allValues("Set-Cookie")) {
            String pair = header.contains(";") ? header.substring(0, header.indexOf(';')) : header;
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return reply;
    }

    /** Another browser holding copies of this one's cookies, as someone who copied them would. */
    Browser withCopiedCookie() {
        Browser copy = new Browser(root, forwardedFor);
        copy.cookies.putAll(cookies);
        return copy;
    }

    /** The {@code Cookie} header this browser sends. */
    String cookie() {
        return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(java.util.stream.Collectors.joining("; "));
    }

    /** A same-origin DELETE, as the Security info page sends it. */
    Graph.Reply delete(String path) {
        return send(HttpRequest.newBuilder(root.resolve(path)).header("Accept", "application/json").header("Origin", origin()).DELETE());
    }

    /** Any method with a JSON body, as the pages' fetch calls send it. */
    Graph.Reply send(String method, String path, String json) {
        return send(HttpRequest.newBuilder(root.resolve(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Origin", origin()).method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A page as a browser's navigation asks for it. */
    Graph.Reply page(String path) {
        return Graph.send(HttpRequest.newBuilder(root.resolve(path)).header("Accept", "text/html").GET());
    }

    /** Keyward's origin, as a browser on its pages would send it. */
    String origin() {
        return root.getScheme() + "://" + root.getHost() + (root.getPort() == -1 ? "" : ":" + root.getPort());
    }

    Graph.Reply get(String path) {
        return send(HttpRequest.newBuilder(root.resolve(path)).header("Accept", "application/json").GET());
    }

    /** Usernameless ({@code upn} null) or UPN-first passkey sign-in; returns the server's answer. */
    Graph.Reply signIn(WebAuthnModelAuthenticator authenticator, String upn) {
        return post("signin/passkey", assertionJson(assertion(authenticator, upn)).toString());
    }

    PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> assertion(WebAuthnModelAuthenticator authenticator, String upn) {
        return assertion(authenticator, upn, challenge -> challenge);
    }

    /** An assertion over the server's challenge as {@code change} alters it (what a forger would sign). */
    PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> assertion(WebAuthnModelAuthenticator authenticator,
            String upn, java.util.function.UnaryOperator<byte[]> change) {
        Graph.Reply options = options(upn);
        if (options.status() != 200) {
            throw new AssertionError("options: " + options);
        }
        return answer(authenticator, options.json(), change);
    }

    /** The sign-in page's request for passkey options, usernameless ({@code upn} null) or UPN-first. */
    Graph.Reply options(String upn) {
        return post("signin/passkey/options", upn == null ? "{}" : "{\"userPrincipalName\":\"" + upn + "\"}");
    }

    /** The authenticator's assertion over options the server gave, their challenge as {@code change} alters it. */
    PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> answer(WebAuthnModelAuthenticator authenticator,
            JsonNode options, java.util.function.UnaryOperator<byte[]> change) {
        JsonNode pk = options.get("publicKey");
        List<PublicKeyCredentialDescriptor> allow = new ArrayList<>();
        pk.get("allowCredentials").forEach(c -> allow.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                B64.decode(c.get("id").asText()), Set.of())));
        ClientPlatform client = new ClientPlatform(new Origin(PasskeyProvisioningIT.ORIGIN), new WebAuthnAuthenticatorAdaptor(authenticator));
        return client.get(new PublicKeyCredentialRequestOptions(new DefaultChallenge(change.apply(B64.decode(pk.get("challenge").asText()))),
                pk.get("timeout").asLong(), pk.get("rpId").asText(), allow, UserVerificationRequirement.REQUIRED, null));
    }

    /** The signature counter in authenticator data (WebAuthn L3 §6.1: bytes 33–36, big-endian). */
    static long signCount(byte[] authenticatorData) {
        return Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(authenticatorData, 33, 4).getInt());
    }

    /** {@code PublicKeyCredential.toJSON()} of an assertion. */
    static ObjectNode assertionJson(PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential) {
        return assertionJson(credential.getRawId(), credential.getResponse().getClientDataJSON(), credential.getResponse().getAuthenticatorData(),
                credential.getResponse().getSignature(), credential.getResponse().getUserHandle());
    }

    static ObjectNode assertionJson(byte[] id, byte[] clientData, byte[] authenticatorData, byte[] signature, byte[] userHandle) {
        ObjectNode root = Graph.JSON.createObjectNode();
        root.put("id", Provisioning.b64(id));
        root.put("rawId", Provisioning.b64(id));
        root.put("type", "public-key");
        ObjectNode response = root.putObject("response");
        response.put("clientDataJSON", Provisioning.b64(clientData));
        response.put("authenticatorData", Provisioning.b64(authenticatorData));
        response.put("signature", Provisioning.b64(signature));
        if (userHandle != null) {
            response.put("userHandle", Provisioning.b64(userHandle));
        }
        root.putObject("clientExtensionResults");
        return root;
    }
}
