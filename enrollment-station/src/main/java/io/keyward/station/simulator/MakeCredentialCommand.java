package io.keyward.station.simulator;

import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** authenticatorMakeCredential (CTAP 2.1 §6.1) with packed attestation from the model's batch certificate. */
final class MakeCredentialCommand {

    private static final int CLIENT_DATA_HASH = 0x01, RP = 0x02, USER = 0x03, PUB_KEY_CRED_PARAMS = 0x04,
            EXCLUDE_LIST = 0x05, EXTENSIONS = 0x06, OPTIONS = 0x07, PIN_UV_AUTH_PARAM = 0x08, PROTOCOL = 0x09;

    private final KeyState key;

    MakeCredentialCommand(KeyState key) {
        this.key = key;
    }

    Map<Integer, Object> run(CborRequest request, CommandContext context) throws CtapError {
        Optional<byte[]> pinUvAuthParam = request.optionalBytes(PIN_UV_AUTH_PARAM);
        if (pinUvAuthParam.isPresent() && pinUvAuthParam.get().length == 0) {
            key.answerPinProbe(context);
        }
        byte[] clientDataHash = request.bytes(CLIENT_DATA_HASH);
        Map<?, ?> rp = request.map(RP);
        Map<?, ?> user = request.map(USER);
        List<?> algorithms = request.list(PUB_KEY_CRED_PARAMS);
        if (!(rp.get("id") instanceof String rpId) || !(user.get("id") instanceof byte[] userId)) {
            throw new CtapError(CtapStatus.MISSING_PARAMETER, "rp.id or user.id missing");
        }
        if (userId.length > 64) {
            throw new CtapError(CtapStatus.INVALID_LENGTH, "user.id longer than 64 bytes");
        }
        Optional<PinProtocol> protocol = pinUvAuthParam.isPresent()
                ? Optional.of(PinProtocol.of(request.raw(PROTOCOL), key.model)) : Optional.empty();
        if (algorithms.stream().noneMatch(MakeCredentialCommand::isEs256)) {
            throw new CtapError(CtapStatus.UNSUPPORTED_ALGORITHM, "only ES256 (-7) is supported");
        }
        Optional<Map<?, ?>> options = request.optionalMap(OPTIONS);
        boolean residentKey = CborRequest.option(options, "rk").orElse(false);
        if (CborRequest.option(options, "up").isPresent() && !CborRequest.option(options, "up").get()) {
            throw new CtapError(CtapStatus.INVALID_OPTION, "makeCredential always needs user presence");
        }
        if (CborRequest.option(options, "uv").orElse(false)) {
            throw new CtapError(CtapStatus.INVALID_OPTION, "no built-in user verification; use the PIN");
        }
        boolean userVerified = false;
        if (protocol.isPresent()) {
            key.verifyToken(protocol.get(), clientDataHash, pinUvAuthParam.get(), KeyState.PERMISSION_MC, Optional.of(rpId));
            userVerified = true;
        } else if (key.pinSet() || key.alwaysUv) {
            throw new CtapError(CtapStatus.PUAT_REQUIRED, "a PIN is set: makeCredential needs a pinUvAuthParam");
        }
        for (Object descriptor : request.optionalList(EXCLUDE_LIST).orElse(List.of())) {
            if (descriptor instanceof Map<?, ?> map && map.get("id") instanceof byte[] excluded
                    && key.credentials.stream().anyMatch(c -> c.rpId.equals(rpId) && Arrays.equals(c.id, excluded))) {
                key.awaitTouch(context);
                throw new CtapError(CtapStatus.CREDENTIAL_EXCLUDED, "this key already holds an excluded credential");
            }
        }
        if (residentKey && key.remainingSlots() <= 0
                && key.discoverable().stream().noneMatch(c -> c.rpId.equals(rpId) && Arrays.equals(c.userId(), userId))) {
            throw new CtapError(CtapStatus.KEY_STORE_FULL, "no discoverable credential slot left");
        }
        Map<?, ?> extensionsIn = request.optionalMap(EXTENSIONS).orElse(Map.of());
        key.awaitTouch(context);

        Map<String, Object> extensionsOut = new LinkedHashMap<>();
        int credProtect = extensionsIn.get("credProtect") instanceof Integer level && level >= 1 && level <= 3 ? level : 1;
        if (extensionsIn.containsKey("credProtect")) {
            extensionsOut.put("credProtect", credProtect);
        }
        byte[] credentialId = new byte[32];
        key.random.nextBytes(credentialId);
        KeyPair credentialKey = AttestationAuthority.newP256KeyPair();
        byte[] rpIdHash = KeyState.sha256(rpId);
        if (residentKey) {
            key.credentials.removeIf(c -> c.discoverable && c.rpId.equals(rpId) && Arrays.equals(c.userId(), userId));
        }
        StoredCredential credential = new StoredCredential(credentialId, rpId, rp, rpIdHash, user, credentialKey,
                residentKey, credProtect, key.clock.instant());
        key.credentials.add(credential);
        if (protocol.isPresent()) {
            // §6.1.2 step 18 (CTAP 2.1): a token that made a credential keeps only its lbw permission.
            key.tokenPermissions &= KeyState.PERMISSION_LBW;
        }

        int flags = AuthenticatorData.UP | (userVerified ? AuthenticatorData.UV : 0);
        byte[] authData = AuthenticatorData.forRegistration(rpIdHash, flags, credential.signCount, key.model.aaguid(),
                credentialId, (ECPublicKey) credentialKey.getPublic(), extensionsOut);
        Map<String, Object> attestationStatement = new LinkedHashMap<>();
        attestationStatement.put("alg", CoseKeys.ES256);
        attestationStatement.put("sig", AuthenticatorData.sign(key.batch.key(), authData, clientDataHash));
        try {
            attestationStatement.put("x5c", List.of(key.batch.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        Map<Integer, Object> response = new LinkedHashMap<>();
        response.put(0x01, "packed");
        response.put(0x02, authData);
        response.put(0x03, attestationStatement);
        return response;
    }

    private static boolean isEs256(Object parameter) {
        return parameter instanceof Map<?, ?> map && "public-key".equals(map.get("type"))
                && Integer.valueOf(CoseKeys.ES256).equals(map.get("alg"));
    }
}
