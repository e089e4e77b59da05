package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.test.authenticator.u2f.FIDOU2FAuthenticator;
import com.webauthn4j.test.authenticator.u2f.FIDOU2FAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.AndroidKeyAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.CustomAaguidAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.TPMAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attestation statements are verified, signature and format, for every format Keyward accepts (WebAuthn L3 §8),
 * whether or not the policy enforces attestation: a statement that does not verify is malformed, not merely
 * untrusted. Each forged response is paired with the genuine one it was made from, which is accepted.
 */
class AttestationStatementIT extends GraphIT {

    static final String ORIGIN = PasskeyProvisioningIT.ORIGIN;

    String userId;

    @BeforeEach
    void arrange() {
        userId = graph.post("users", admin, userJson(upn("attested"), "Attested")).json().get("id").asText();
    }

    @AfterEach
    void resetPolicy() {
        assertThat(graph.delete(FIDO2, admin).status()).isEqualTo(204);
    }

    @Test
    void aCertifiedModelsChainWithAForeignSignatureIsRefusedEvenWhenTheMetadataTrustsTheChain() {
        UUID aaguid = UUID.randomUUID();
        CustomAaguidAuthenticator genuine = new CustomAaguidAuthenticator(aaguid);
        trustAttestationKeyOf(genuine, aaguid);
        policy("\"isAttestationEnforced\":true");
        try {
            String forged = ForgedAttestations.resignedBy(body(genuine), ForgedAttestations.newKey());

            assertRefusedAsInvalidStatement(register(forged), "signature");
            JsonNode accepted = register(body(genuine)).json();
            assertThat(accepted.path("attestationLevel").asText()).as(accepted.toString()).isEqualTo("attested");
        } finally {
            graph.delete("keyward/metadata/statements/" + aaguid, admin);
        }
    }

    @Test
    void aForeignSignatureIsRefusedWhenAttestationIsNotEnforced() {
        String forged = ForgedAttestations.resignedBy(body(new PackedAuthenticator()), ForgedAttestations.newKey());

        assertRefusedAsInvalidStatement(register(forged), "signature");
        assertThat(passkeyCount()).isZero();
    }

    @Test
    void selfAttestationSignedByAnotherKeyIsRefused() {
        KeyPair credentialKey = ForgedAttestations.newKey();

        Graph.Reply forged = register(ForgedAttestations.selfAttested(creationOptions(), ORIGIN, credentialKey, ForgedAttestations.newKey(), o -> { }));
        Graph.Reply genuine = register(ForgedAttestations.selfAttested(creationOptions(), ORIGIN, credentialKey, credentialKey, o -> { }));

        assertRefusedAsInvalidStatement(forged, "signature");
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(201);
        assertThat(genuine.json().get("attestationCertificates")).isEmpty();
    }

    @Test
    void selfAttestationIsStillRefusedAsUnattestedWhenAttestationIsEnforced() {
        KeyPair credentialKey = ForgedAttestations.newKey();
        policy("\"isAttestationEnforced\":true");

        Graph.Reply forged = register(ForgedAttestations.selfAttested(creationOptions(), ORIGIN, credentialKey, ForgedAttestations.newKey(), o -> { }));
        Graph.Reply genuine = register(ForgedAttestations.selfAttested(creationOptions(), ORIGIN, credentialKey, credentialKey, o -> { }));

        assertRefusedAsInvalidStatement(forged, "signature");
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(400);
        assertThat(genuine.errorCode()).isEqualTo("attestationRequired");
    }

    @Test
    void tpmStatementWithAForeignSignatureIsRefused() {
        forgedAndGenuineOf(new TPMAuthenticator(), "tpm");
    }

    @Test
    void androidKeyStatementWithAForeignSignatureIsRefused() {
        forgedAndGenuineOf(new AndroidKeyAuthenticator(), "android-key");
    }

    @Test
    void fidoU2fStatementWithAForeignSignatureIsRefused() {
        // fido-u2f signs neither the flags nor the counter (§8.6), so the genuine key's response with UV set still verifies.
        ClientPlatform u2f = new ClientPlatform(new Origin(ORIGIN),
                new FIDOU2FAuthenticatorAdaptor(new FIDOU2FAuthenticator(), new ObjectConverter()));
        java.util.function.Supplier<String> withUv = () -> ForgedAttestations.tamper(
                Provisioning.body(u2f.create(Provisioning.options(creationOptions())), "U2F"),
                (object, clientData) -> ((byte[]) object.get("authData"))[32] |= 0x04);
        String forged = ForgedAttestations.resignedBy(withUv.get(), ForgedAttestations.newKey());

        assertRefusedAsInvalidStatement(register(forged), "signature");
        Graph.Reply accepted = register(withUv.get());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    }

    @Test
    void anAppleStatementWhoseCertificateDoesNotCarryTheNonceIsRefused() {
        // §8.8: the certificate's nonce extension must be SHA-256(authData || clientDataHash); a packed leaf has none.
        String forged = ForgedAttestations.tamper(body(new PackedAuthenticator()), (object, clientData) -> {
            object.put("fmt", "apple");
            ForgedAttestations.statement(object).keySet().retainAll(List.of("x5c"));
        });

        assertRefusedAsInvalidStatement(register(forged), "apple");
    }

    @Test
    void aPackedStatementWithAnAlgorithmOtherThanItsKeysIsRefused() {
        String forged = ForgedAttestations.tamper(body(new PackedAuthenticator()),
                (object, clientData) -> ForgedAttestations.statement(object).put("alg", -257));

        Graph.Reply reply = register(forged);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalidAttestationStatement");
    }

    /** A forged statement refused, and a genuine one of the same authenticator (for a fresh challenge) accepted. */
    private void forgedAndGenuineOf(WebAuthnModelAuthenticator authenticator, String format) {
        String forged = ForgedAttestations.resignedBy(body(authenticator), ForgedAttestations.newKey());

        Graph.Reply refused = register(forged);
        assertRefusedAsInvalidStatement(refused, "'" + format + "' attestation statement does not verify");
        // webauthn4j words a bad TPM signature as "hash of certInfo doesn't match with sig".
        assertThat(refused.json().path("error").path("message").asText()).containsPattern("signature|\\bsig\\b");
        Graph.Reply accepted = register(body(authenticator));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    }

    private void trustAttestationKeyOf(CustomAaguidAuthenticator key, UUID aaguid) {
        Graph.Reply defined = graph.call("POST", graph.root().resolve("graph/beta/keyward/metadata/statements").toString(), admin,
                "{\"aaGuid\":\"" + aaguid + "\",\"description\":\"Certified Test Model\",\"trustedAttestationPublicKeys\":[\""
                        + Base64.getEncoder().encodeToString(key.attestationPublicKey().getEncoded()) + "\"]}");
        assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
    }

    private String body(WebAuthnModelAuthenticator authenticator) {
        return Provisioning.body(Provisioning.create(authenticator, ORIGIN, creationOptions()), null);
    }

    private Graph.Reply register(String body) {
        return graph.post(passkeys(), admin, body);
    }

    private long passkeyCount() {
        return graph.get(passkeys(), admin).json().get("value").size();
    }

    private JsonNode creationOptions() {
        return creationOptionsFor(userId);
    }


    private String passkeys() {
        return "users/" + userId + "/authentication/fido2Methods";
    }

    private static void assertRefusedAsInvalidStatement(Graph.Reply reply, String words) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo("invalidAttestationStatement");
        assertThat(reply.json().path("error").path("message").asText()).containsIgnoringCase(words);
    }
}
