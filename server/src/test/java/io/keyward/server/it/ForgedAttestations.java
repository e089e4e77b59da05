package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import tools.jackson.core.type.TypeReference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What an attacker's software key sends: attestation objects taken apart and put back together with a statement
 * signed by a key of the attacker's choosing (WebAuthn L3 §8 statement formats). The CBOR is re-encoded with
 * webauthn4j's own mapper, which the server parses leniently; the signatures are what the server must check.
 */
final class ForgedAttestations {

    private static final ObjectConverter CBOR = new ObjectConverter();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();

    private ForgedAttestations() {
    }

    /** A fresh P-256 key pair, standing for a key no manufacturer certified. */
    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ES256 (DER) signature over {@code authenticatorData || SHA-256(clientDataJSON)}, the data §8 formats sign. */
    static byte[] sign(KeyPair key, byte[] authenticatorData, byte[] clientDataJSON) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key.getPrivate());
            signature.update(authenticatorData);
            signature.update(MessageDigest.getInstance("SHA-256").digest(clientDataJSON));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attestation object of a POST body built by {@link Provisioning#body}, as a CBOR map. */
    static Map<String, Object> decode(String attestationObject) {
        return CBOR.getCborConverter().readValue(B64.decode(attestationObject), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    static String encode(Map<String, Object> attestationObject) {
        return B64E.encodeToString(CBOR.getCborConverter().writeValueAsBytes(attestationObject));
    }

    /** {@code body} with its attestation object changed by {@code change} (which gets the map and the clientDataJSON bytes). */
    static String tamper(String body, java.util.function.BiConsumer<Map<String, Object>, byte[]> change) {
        JsonNode json = read(body);
        JsonNode response = json.get("publicKeyCredential").get("response");
        Map<String, Object> object = decode(response.get("attestationObject").asText());
        change.accept(object, B64.decode(response.get("clientDataJSON").asText()));
        return Provisioning.body(json.get("publicKeyCredential").get("id").asText(), response.get("clientDataJSON").asText(),
                encode(object), json.path("displayName").asText(null));
    }

    /**
     * Replaces the statement's {@code sig} with a signature over the data its format signs by {@code foreign}:
     * {@code certInfo} for tpm (§8.3), {@code authenticatorData || clientDataHash} for the others.
     */
    static String resignedBy(String body, KeyPair foreign) {
        return tamper(body, (object, clientData) -> {
            Map<String, Object> statement = statement(object);
            statement.put("sig", "tpm".equals(object.get("fmt"))
                    ? signRaw(foreign, (byte[]) statement.get("certInfo"))
                    : sign(foreign, (byte[]) object.get("authData"), clientData));
        });
    }

    private static byte[] signRaw(KeyPair key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> statement(Map<String, Object> object) {
        return (Map<String, Object>) object.get("attStmt");
    }

    /**
     * A complete registration response for {@code graphOptions} with a credential key of our own and a packed
     * self attestation (no x5c) signed by {@code signer}: the credential key for a genuine self attestation,
     * another key for a forged one.
     */
    static String selfAttested(JsonNode graphOptions, String origin, KeyPair credentialKey, KeyPair signer, Consumer<Map<String, Object>> change) {
        JsonNode pk = graphOptions.get("publicKey");
        byte[] credentialId = new byte[32];
        new java.security.SecureRandom().nextBytes(credentialId);
        byte[] clientDataJSON = ("{\"type\":\"webauthn.create\",\"challenge\":\"" + pk.get("challenge").asText() + "\",\"origin\":\""
                + origin + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
        byte[] authenticatorData = authenticatorData(pk.get("rp").get("id").asText(), new UUID(0, 0), credentialId,
                (ECPublicKey) credentialKey.getPublic());
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("alg", -7);
        statement.put("sig", sign(signer, authenticatorData, clientDataJSON));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("fmt", "packed");
        object.put("attStmt", statement);
        object.put("authData", authenticatorData);
        change.accept(object);
        return Provisioning.body(B64E.encodeToString(credentialId), B64E.encodeToString(clientDataJSON), encode(object), null);
    }

    /** WebAuthn L3 §6.1: rpIdHash, flags UP|UV|AT, counter 0, attested credential data with a COSE EC2 key. */
    static byte[] authenticatorData(String rpId, UUID aaguid, byte[] credentialId, ECPublicKey key) {
        try {
            byte[] rpIdHash = MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
            byte[] coseKey = CBOR.getCborConverter().writeValueAsBytes(EC2COSEKey.create(key, COSEAlgorithmIdentifier.ES256));
            return ByteBuffer.allocate(32 + 1 + 4 + 16 + 2 + credentialId.length + coseKey.length)
                    .put(rpIdHash).put((byte) 0x45).putInt(0).put(new AAGUID(aaguid).getBytes())
                    .putShort((short) credentialId.length).put(credentialId).put(coseKey).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return Graph.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
