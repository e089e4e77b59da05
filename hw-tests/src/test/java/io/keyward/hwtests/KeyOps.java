package io.keyward.hwtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.CredentialManagement;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocol;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV2;
import io.keyward.station.key.HidFidoConnection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What the scenarios do with a key besides enrolling it: sign in through Keyward's sign-in API, read and tidy the key. */
final class KeyOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeyOps() {
    }

    interface SessionWork<T> {
        T run(Ctap2Session session, PinUvAuthProtocol protocol, ClientPin pin) throws Exception;
    }

    static <T> T withSession(KeyUnderTest key, SessionWork<T> work) throws Exception {
        try (HidFidoConnection connection = key.usbKey().get().open(); Ctap2Session session = new Ctap2Session(connection)) {
            PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
            return work.run(session, protocol, new ClientPin(session, protocol));
        }
    }

    /**
     * Unplug and plug in again, as a key needs after three wrong PINs in a row and before a reset. A simulated key
     * is power-cycled; for a physical key the person at the rig is asked (on standard output) and the key is
     * waited for, up to a minute each way.
     */
    static void replug(KeyUnderTest key, String why) throws Exception {
        if (key.simulator().isPresent()) {
            key.simulator().get().powerCycle();
            return;
        }
        System.out.println("RIG: " + why + ": pull " + key + " out and insert it again");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (attached(key)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(key + " was not pulled out within a minute (" + why + ")");
            }
            Thread.sleep(100);
        }
        deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (!attached(key)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(key + " was not inserted again within a minute (" + why + ")");
            }
            Thread.sleep(100);
        }
    }

    private static boolean attached(KeyUnderTest key) {
        try {
            return key.usbKey().get() != null;
        } catch (IllegalStateException absent) {
            return false;
        }
    }

    /**
     * A usernameless passkey sign-in as the sign-in page does it: options, getAssertion with the PIN (user
     * verification is required), then the assertion to {@code /signin/passkey}.
     *
     * @return the HTTP status and the JSON answer (the signed-in user, or the Graph error envelope)
     */
    static SignIn signIn(KeywardUnderTest keyward, KeyUnderTest key) throws Exception {
        JsonNode options = JSON.readTree(post(keyward.baseUrl() + "/signin/passkey/options", "{}").body()).path("publicKey");
        String rpId = options.path("rpId").asText();
        byte[] clientDataJson = ("{\"type\":\"webauthn.get\",\"challenge\":\"" + options.path("challenge").asText()
                + "\",\"origin\":\"" + keyward.baseUrl() + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
        byte[] clientDataHash = MessageDigest.getInstance("SHA-256").digest(clientDataJson);
        Ctap2Session.AssertionData assertion = withSession(key, (session, protocol, pin) -> {
            byte[] token = pin.getPinToken(key.pin().toCharArray(), ClientPin.PIN_PERMISSION_GA, rpId);
            return session.getAssertions(rpId, clientDataHash, null, null, null, protocol.authenticate(token, clientDataHash),
                    protocol.getVersion(), null).get(0);
        });
        String body = JSON.createObjectNode()
                .put("id", B64URL.encodeToString((byte[]) assertion.getCredential().get("id")))
                .set("response", JSON.createObjectNode()
                        .put("clientDataJSON", B64URL.encodeToString(clientDataJson))
                        .put("authenticatorData", B64URL.encodeToString(assertion.getAuthenticatorData()))
                        .put("signature", B64URL.encodeToString(assertion.getSignature()))
                        .put("userHandle", B64URL.encodeToString((byte[]) assertion.getUser().get("id")))).toString();
        HttpResponse<String> response = post(keyward.baseUrl() + "/signin/passkey", body);
        return new SignIn(response.statusCode(), JSON.readTree(response.body()));
    }

    record SignIn(int status, JsonNode body) {
        String upn() {
            return body.path("userPrincipalName").asText();
        }

        String errorCode() {
            return body.path("error").path("code").asText();
        }
    }

    /** The user names stored with the key's credentials for an RP (CTAP 2.1 credential management). */
    static List<String> storedUserNames(KeyUnderTest key, String rpId) throws Exception {
        return withSession(key, (session, protocol, pin) -> {
            CredentialManagement management = new CredentialManagement(session, protocol,
                    pin.getPinToken(key.pin().toCharArray(), ClientPin.PIN_PERMISSION_CM, null));
            List<String> names = new ArrayList<>();
            if (management.getMetadata().getExistingResidentCredentialsCount() == 0) {
                return names;
            }
            for (CredentialManagement.RpData rp : management.enumerateRps()) {
                if (rpId.equals(rp.getRp().get("id"))) {
                    management.enumerateCredentials(rp.getRpIdHash()).forEach(c -> names.add(String.valueOf(c.getUser().get("name"))));
                }
            }
            return names;
        });
    }

    /** Rewrites the user name and display name stored with every credential of the user on the key (updateUserInformation). */
    static void rewriteUser(KeyUnderTest key, String rpId, String newName, String newDisplayName) throws Exception {
        withSession(key, (session, protocol, pin) -> {
            CredentialManagement management = new CredentialManagement(session, protocol,
                    pin.getPinToken(key.pin().toCharArray(), ClientPin.PIN_PERMISSION_CM, null));
            for (CredentialManagement.RpData rp : management.enumerateRps()) {
                if (rpId.equals(rp.getRp().get("id"))) {
                    for (CredentialManagement.CredentialData credential : management.enumerateCredentials(rp.getRpIdHash())) {
                        management.updateUserInformation(credential.getCredentialId(),
                                Map.of("id", credential.getUser().get("id"), "name", newName, "displayName", newDisplayName));
                    }
                }
            }
            return null;
        });
    }

    /** Deletes every credential of the RP from the key, so scenarios do not fill it up. */
    static void deleteCredentials(KeyUnderTest key, String rpId) throws Exception {
        withSession(key, (session, protocol, pin) -> {
            CredentialManagement management = new CredentialManagement(session, protocol,
                    pin.getPinToken(key.pin().toCharArray(), ClientPin.PIN_PERMISSION_CM, null));
            if (management.getMetadata().getExistingResidentCredentialsCount() == 0) {
                return null;
            }
            for (CredentialManagement.RpData rp : management.enumerateRps()) {
                if (rpId.equals(rp.getRp().get("id"))) {
                    for (CredentialManagement.CredentialData credential : management.enumerateCredentials(rp.getRpIdHash())) {
                        management.deleteCredential(credential.getCredentialId());
                    }
                }
            }
            return null;
        });
    }

    /** A POST as the sign-in page sends it: JSON, from Keyward's own origin (the pages' API refuses anything else). */
    private static HttpResponse<String> post(String url, String body) throws Exception {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
