package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin provisioning of passkeys through Graph (creationOptions, then POST fido2Methods) with webauthn4j
 * emulators as the authenticator, the way provisioning scripts do it; list, get, delete; every refusal.
 */
class PasskeyProvisioningIT extends GraphIT {

    static final String ORIGIN = "https://localhost";

    String userId;
    String userUpn;

    @BeforeEach
    void arrange() {
        userUpn = upn("keyholder");
        userId = graph.post("users", admin, userJson(userUpn, "Key Holder")).json().get("id").asText();
    }

    @Test
    void creationOptionsFollowGraphsShapeAndBindTheUserHandleToTheObjectId() {
        Graph.Reply reply = graph.get("users/" + userId + "/authentication/fido2Methods/creationOptions", admin);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode pk = reply.json().get("publicKey");
        assertThat(reply.json().has("value")).isFalse();
        assertThat(pk.get("rp").get("id").asText()).isEqualTo("localhost");
        UUID id = UUID.fromString(userId);
        byte[] handle = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
        assertThat(pk.get("user").get("id").asText()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(handle));
        assertThat(pk.get("user").get("name").asText()).isEqualTo(userUpn);
        assertThat(Base64.getUrlDecoder().decode(pk.get("challenge").asText())).hasSize(32);
        assertThat(pk.get("pubKeyCredParams").findValuesAsText("alg")).contains("-7", "-257");
        assertThat(pk.get("authenticatorSelection").get("userVerification").asText()).isEqualTo("required");
        assertThat(pk.get("authenticatorSelection").get("requireResidentKey").asBoolean()).isTrue();
        assertThat(pk.get("timeout").asLong()).isEqualTo(300_000);
        assertThat(reply.json().get("challengeTimeoutDateTime").asText()).isNotBlank();
    }

    @Test
    void betaAcceptsEveryTimeoutFormClientsUse() {
        String path = "users/" + userId + "/authentication/fido2Methods/";
        Map<String, Long> forms = new LinkedHashMap<>();
        forms.put("creationOptions(challengeTimeoutInMinutes=10)", 600_000L);
        forms.put("creationOptions(challengeTimeoutInMinutes=@challengeTimeoutInMinutes)?challengeTimeoutInMinutes=20", 1_200_000L);
        forms.put("creationOptions(challengeTimeoutInMinutes=@t)?@t=30", 1_800_000L);
        forms.put("creationOptions?challengeTimeoutInMinutes=60&slice=Test", 3_600_000L);
        forms.put("creationOptions", 300_000L);
        SoftAssertions soft = new SoftAssertions();
        forms.forEach((form, millis) -> {
            Graph.Reply reply = graph.call("GET", graph.root().resolve("graph/beta/" + path + form.replace("@", "%40")).toString(), admin, null);
            soft.assertThat(reply.status()).as(form + ": " + reply).isEqualTo(200);
            if (reply.status() == 200) {
                soft.assertThat(reply.json().get("publicKey").get("timeout").asLong()).as(form).isEqualTo(millis);
            }
        });
        Graph.Reply tooLong = graph.call("GET", graph.root().resolve("graph/beta/" + path + "creationOptions(challengeTimeoutInMinutes=50000)").toString(), admin, null);
        soft.assertThat(tooLong.status()).isEqualTo(400);
        soft.assertThat(tooLong.json().path("error").path("message").asText()).contains("challengeTimeoutInMinutes");
        soft.assertAll();
    }

    @Test
    void packedSecurityKeyIsProvisionedListedAndExcludedFromTheNextOptions() {
        JsonNode options = creationOptions();
        var credential = Provisioning.create(new PackedAuthenticator(), ORIGIN, options);

        Graph.Reply created = graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, "Alice's YubiKey"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode method = created.json();
        assertThat(method.get("@odata.type").asText()).isEqualTo("#microsoft.graph.fido2AuthenticationMethod");
        assertThat(method.get("displayName").asText()).isEqualTo("Alice's YubiKey");
        assertThat(method.get("aaGuid").asText()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(method.get("passkeyType").asText()).isEqualTo("deviceBound");
        assertThat(method.get("attestationLevel").asText()).isEqualTo("notAttested");
        assertThat(method.get("attestationCertificates")).isNotEmpty();
        assertThat(method.get("attestationCertificates").get(0).asText()).matches("[0-9a-f]{40}");
        assertThat(method.get("registeredUserPrincipalName").asText()).isEqualTo(userUpn);
        String id = method.get("id").asText();
        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods/" + id, admin).status()).isEqualTo(200);
        assertThat(graph.get("users/" + Graph.enc(userUpn) + "/authentication/fido2methods", admin).json().get("value")).hasSize(1);
        JsonNode next = creationOptions();
        assertThat(next.get("publicKey").get("excludeCredentials").get(0).get("id").asText())
                .isEqualTo(Provisioning.b64(credential.getRawId()));
    }

    @Test
    void noneAttestationIsStoredAsNotAttestedWithoutCertificates() {
        var credential = Provisioning.create(new NoneAttestationAuthenticator(), ORIGIN, creationOptions());

        Graph.Reply created = graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, null));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("attestationLevel").asText()).isEqualTo("notAttested");
        assertThat(created.json().get("attestationCertificates")).isEmpty();
        assertThat(created.json().get("displayName").asText()).isNotBlank();
    }

    @Test
    void tpmAndAndroidKeyAttestationsAreVerifiedAndStored() {
        SoftAssertions soft = new SoftAssertions();
        for (var authenticator : java.util.List.of(new com.webauthn4j.test.authenticator.webauthn.TPMAuthenticator(),
                new com.webauthn4j.test.authenticator.webauthn.AndroidKeyAuthenticator())) {
            var credential = Provisioning.create(authenticator, ORIGIN, creationOptions());
            Graph.Reply created = graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, null));
            soft.assertThat(created.status()).as(authenticator.getClass().getSimpleName() + ": " + created).isEqualTo(201);
            if (created.status() == 201) {
                soft.assertThat(created.json().get("attestationCertificates")).as(authenticator.getClass().getSimpleName()).isNotEmpty();
            }
        }
        soft.assertAll();
        Map<String, Long> formats = new LinkedHashMap<>();
        for (String format : new String[]{"tpm", "android-key"}) {
            formats.put(format, TestDirectory.count("select count(*) from passkey where user_id = ? and attestation_format = ?",
                    UUID.fromString(userId), format));
        }
        assertThat(formats).containsEntry("tpm", 1L).containsEntry("android-key", 1L);
    }

    @Test
    void aU2fKeyCannotVerifyItsUserSoItIsRefused() {
        var u2f = new com.webauthn4j.test.client.ClientPlatform(new com.webauthn4j.data.client.Origin(ORIGIN),
                new com.webauthn4j.test.authenticator.u2f.FIDOU2FAuthenticatorAdaptor(new com.webauthn4j.test.authenticator.u2f.FIDOU2FAuthenticator(),
                        new com.webauthn4j.converter.util.ObjectConverter()));
        var credential = u2f.create(Provisioning.options(creationOptions()));

        Graph.Reply reply = graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, "U2F"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalidAttestationResponse");
        assertThat(reply.json().path("error").path("message").asText()).contains("UV");
    }

    @Test
    void aReplayedResponseIsRefusedBecauseItsChallengeIsUsedUp() {
        String body = Provisioning.body(Provisioning.create(new PackedAuthenticator(), ORIGIN, creationOptions()), "Key");
        assertThat(graph.post("users/" + userId + "/authentication/fido2Methods", admin, body).status()).isEqualTo(201);

        Graph.Reply replay = graph.post("users/" + userId + "/authentication/fido2Methods", admin, body);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.errorCode()).isEqualTo("challengeNotFound");
        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods", admin).json().get("value")).hasSize(1);
    }

    @Test
    void aResponseFromAnotherOriginIsRefused() {
        var credential = Provisioning.create(new PackedAuthenticator(), "https://evil.example", creationOptions());

        Graph.Reply reply = graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, "Key"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalidAttestationResponse");
        assertThat(reply.json().path("error").path("message").asText()).contains("origin");
    }

    @Test
    void aChallengeIssuedForOneUserCannotRegisterAnother() {
        String otherId = graph.post("users", admin, userJson(upn("other"), "Other")).json().get("id").asText();
        var credential = Provisioning.create(new PackedAuthenticator(), ORIGIN, creationOptions());

        Graph.Reply reply = graph.post("users/" + otherId + "/authentication/fido2Methods", admin, Provisioning.body(credential, "Key"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("challengeNotFound");
    }

    @Test
    void anExpiredChallengeIsRefused() throws Exception {
        JsonNode options = creationOptions();
        try (Connection db = TestDirectory.connect();
             PreparedStatement expire = db.prepareStatement("update webauthn_challenge set expires_at = ? where challenge = ?")) {
            expire.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            expire.setString(2, options.get("publicKey").get("challenge").asText());
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        var credential = Provisioning.create(new PackedAuthenticator(), ORIGIN, options);

        Graph.Reply reply = graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, "Key"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("challengeExpired");
    }

    @Test
    void deletedPasskeyIsGone() {
        var credential = Provisioning.create(new PackedAuthenticator(), ORIGIN, creationOptions());
        String id = graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, "Key")).json().get("id").asText();

        assertThat(graph.delete("users/" + userId + "/authentication/fido2Methods/" + id, admin).status()).isEqualTo(204);

        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods/" + id, admin).status()).isEqualTo(404);
        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods", admin).json().get("value")).isEmpty();
    }

    @Test
    void malformedResponsesAreClearRefusalsNeverServerErrors() {
        JsonNode options = creationOptions();
        var good = Provisioning.create(new PackedAuthenticator(), ORIGIN, options);
        String id = Provisioning.b64(good.getRawId());
        String clientData = Provisioning.b64(good.getResponse().getClientDataJSON());
        byte[] attestation = good.getResponse().getAttestationObject();
        String challenge = options.get("publicKey").get("challenge").asText();
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("truncated CBOR", new String[]{Provisioning.body(id, clientData, Provisioning.b64(java.util.Arrays.copyOf(attestation, 40)), "K"), "invalidAttestationResponse"});
        cases.put("CBOR of the wrong type", new String[]{Provisioning.body(id, clientData, Provisioning.b64(new byte[]{(byte) 0x83, 1, 2, 3}), "K"), "invalidAttestationResponse"});
        cases.put("huge CBOR length", new String[]{Provisioning.body(id, clientData, Provisioning.b64(new byte[]{(byte) 0xbb, 0x7f, -1, -1, -1, -1, -1, -1, -1}), "K"), "invalidAttestationResponse"});
        cases.put("clientDataJSON not JSON", new String[]{Provisioning.body(id, Provisioning.b64("not json".getBytes(StandardCharsets.UTF_8)), Provisioning.b64(attestation), "K"), "invalidAttestationResponse"});
        cases.put("clientDataJSON of type webauthn.get", new String[]{Provisioning.body(id, Provisioning.b64(("{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge
                + "\",\"origin\":\"" + ORIGIN + "\"}").getBytes(StandardCharsets.UTF_8)), Provisioning.b64(attestation), "K"), "invalidAttestationResponse"});
        cases.put("not base64", new String[]{Provisioning.body(id, "***", Provisioning.b64(attestation), "K"), "invalidAttestationResponse"});
        cases.put("unknown challenge", new String[]{Provisioning.body(id, Provisioning.b64(("{\"type\":\"webauthn.create\",\"challenge\":\"AAAA\",\"origin\":\""
                + ORIGIN + "\"}").getBytes(StandardCharsets.UTF_8)), Provisioning.b64(attestation), "K"), "challengeNotFound"});
        cases.put("display name too long", new String[]{Provisioning.body(id, clientData, Provisioning.b64(attestation), "x".repeat(31)), "invalidRequest"});
        cases.put("no publicKeyCredential", new String[]{"{\"displayName\":\"K\"}", "invalidRequest"});
        cases.put("a JSON string body", new String[]{"\"{\\\"displayName\\\":\\\"K\\\"}\"", "invalidRequest"});
        SoftAssertions soft = new SoftAssertions();
        cases.forEach((name, c) -> {
            Graph.Reply reply = graph.post("users/" + userId + "/authentication/fido2Methods", admin, c[0]);
            soft.assertThat(reply.status()).as(name + ": " + reply).isBetween(400, 499);
            soft.assertThat(reply.errorCode()).as(name + ": " + reply).isEqualTo(c[1]);
        });
        soft.assertAll();
        assertThat(graph.get("users/" + userId + "/authentication/fido2Methods", admin).json().get("value")).isEmpty();
    }

    @Test
    void temporaryAccessPassIsShownOnceAndCanBeDeleted() {
        Graph.Reply created = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60,\"isUsableOnce\":true}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("temporaryAccessPass").asText()).hasSize(16);
        assertThat(created.json().get("isUsable").asBoolean()).isTrue();
        String id = created.json().get("id").asText();
        JsonNode listed = graph.get("users/" + userId + "/authentication/temporaryAccessPassMethods", admin).json().get("value");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("temporaryAccessPass").isNull()).isTrue();
        assertThat(graph.delete("users/" + userId + "/authentication/temporaryAccessPassMethods/" + id, admin).status()).isEqualTo(204);
        Graph.Reply tooShort = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":5}");
        assertThat(tooShort.status()).isEqualTo(400);
    }

    @Test
    void registrationDetailsAndTheMethodsListShowTheNewPasskey() {
        assertThat(graph.get("reports/authenticationMethods/userRegistrationDetails/" + userId, admin).json()
                .get("isPasswordlessCapable").asBoolean()).isFalse();
        var credential = Provisioning.create(new PackedAuthenticator(), ORIGIN, creationOptions());
        graph.post("users/" + userId + "/authentication/fido2Methods", admin, Provisioning.body(credential, "Key"));
        graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}");

        JsonNode details = graph.get("reports/authenticationMethods/userRegistrationDetails/" + userId, admin).json();
        JsonNode methods = graph.get("users/" + userId + "/authentication/methods", admin).json().get("value");

        assertThat(details.get("isPasswordlessCapable").asBoolean()).isTrue();
        assertThat(details.get("userType").asText()).isEqualTo("member");
        assertThat(details.get("methodsRegistered").toString()).contains("passKeyDeviceBound").contains("temporaryAccessPass");
        String inventory = "reports/authenticationMethods/userRegistrationDetails?$filter=" + ("methodsRegistered/any(m:m eq 'METHOD') "
                + "and userPrincipalName eq '" + userUpn + "'").replace(" ", "%20").replace("'", "%27");
        assertThat(graph.get(inventory.replace("METHOD", "passKeyDeviceBound"), admin).json().get("value").findValuesAsText("id")).containsExactly(userId);
        assertThat(graph.get(inventory.replace("METHOD", "passKeySynced"), admin).json().get("value")).isEmpty();
        assertThat(graph.get(inventory.replace("METHOD", "smsCarrierPigeon"), admin).status()).isEqualTo(400);
        assertThat(methods.findValuesAsText("@odata.type")).containsExactlyInAnyOrder(
                "#microsoft.graph.fido2AuthenticationMethod", "#microsoft.graph.temporaryAccessPassAuthenticationMethod");
    }

    @Test
    void theReportAndItsFilterAgreeThatAUsedUpOneTimePassIsNoLongerRegistered() {
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60,\"isUsableOnce\":true}").json().get("temporaryAccessPass").asText();
        String inventory = "reports/authenticationMethods/userRegistrationDetails?$filter=" + ("methodsRegistered/any(m:m eq 'temporaryAccessPass') "
                + "and userPrincipalName eq '" + userUpn + "'").replace(" ", "%20").replace("'", "%27");
        assertThat(graph.get(inventory, admin).json().get("value").findValuesAsText("id")).containsExactly(userId);

        assertThat(new Browser(graph.root()).post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn
                + "\",\"temporaryAccessPass\":\"" + pass + "\"}").status()).isEqualTo(200);

        JsonNode details = graph.get("reports/authenticationMethods/userRegistrationDetails/" + userId, admin).json();
        assertThat(details.get("methodsRegistered").toString()).doesNotContain("temporaryAccessPass");
        assertThat(graph.get(inventory, admin).json().get("value")).isEmpty();
    }

    @Test
    void meIsOnlyForDelegatedCalls() {
        Graph.Reply reply = graph.get("me/authentication/fido2Methods", admin);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asText()).contains("delegated");
    }

    private JsonNode creationOptions() {
        Graph.Reply reply = graph.get("users/" + userId + "/authentication/fido2Methods/creationOptions", admin);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
