package io.keyward.station.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * authenticatorClientPIN (CTAP 2.1 §6.5.5): retries, key agreement, set and change PIN, and pinUvAuthTokens with
 * or without permissions. PINs are never stored: only LEFT(SHA-256(PIN), 16), as the spec has it.
 */
final class ClientPinCommand {

    private static final int PROTOCOL = 0x01, SUB_COMMAND = 0x02, KEY_AGREEMENT = 0x03, PIN_UV_AUTH_PARAM = 0x04,
            NEW_PIN_ENC = 0x05, PIN_HASH_ENC = 0x06, PERMISSIONS = 0x09, RP_ID = 0x0A;
    private static final int GET_PIN_RETRIES = 0x01, GET_KEY_AGREEMENT = 0x02, SET_PIN = 0x03, CHANGE_PIN = 0x04,
            GET_PIN_TOKEN = 0x05, GET_TOKEN_USING_PIN_WITH_PERMISSIONS = 0x09;
    private static final int MAX_PIN_BYTES = 63;

    private final KeyState key;

    ClientPinCommand(KeyState key) {
        this.key = key;
    }

    Map<Integer, Object> run(CborRequest request) throws CtapError {
        int subCommand = request.integer(SUB_COMMAND);
        return switch (subCommand) {
            case GET_PIN_RETRIES -> retries();
            case GET_KEY_AGREEMENT -> keyAgreement(request);
            case SET_PIN -> setPin(request);
            case CHANGE_PIN -> changePin(request);
            case GET_PIN_TOKEN -> pinToken(request, false);
            case GET_TOKEN_USING_PIN_WITH_PERMISSIONS -> {
                if (!key.model.ctap21()) {
                    throw new CtapError(CtapStatus.INVALID_SUBCOMMAND, "CTAP 2.0 keys have no token permissions");
                }
                yield pinToken(request, true);
            }
            // 0x06/0x07 (built-in UV) and anything else: the simulated keys have no fingerprint reader.
            default -> throw new CtapError(CtapStatus.INVALID_SUBCOMMAND, "clientPIN subcommand " + subCommand);
        };
    }

    private Map<Integer, Object> retries() {
        Map<Integer, Object> response = new LinkedHashMap<>();
        response.put(0x03, key.pinRetries);
        if (key.model.ctap21()) {
            response.put(0x04, key.consecutiveMismatches >= KeyState.MISMATCHES_BEFORE_POWER_CYCLE);
        }
        return response;
    }

    private Map<Integer, Object> keyAgreement(CborRequest request) throws CtapError {
        PinProtocol.of(request.raw(PROTOCOL), key.model);
        return Map.of(0x01, CoseKeys.encode((ECPublicKey) key.keyAgreement.getPublic(), CoseKeys.ECDH_ES_HKDF_256));
    }

    private Map<Integer, Object> setPin(CborRequest request) throws CtapError {
        PinProtocol protocol = PinProtocol.of(request.raw(PROTOCOL), key.model);
        Map<?, ?> platformKey = request.map(KEY_AGREEMENT);
        byte[] newPinEnc = request.bytes(NEW_PIN_ENC);
        byte[] param = request.bytes(PIN_UV_AUTH_PARAM);
        if (key.pinSet()) {
            throw new CtapError(CtapStatus.NOT_ALLOWED, "a PIN is already set; change it instead");
        }
        byte[] shared = protocol.sharedSecret(key.keyAgreement, platformKey);
        if (!protocol.verify(shared, newPinEnc, param)) {
            throw new CtapError(CtapStatus.PIN_AUTH_INVALID, "setPIN pinUvAuthParam does not verify");
        }
        storePin(protocol.decrypt(shared, newPinEnc));
        return Map.of();
    }

    private Map<Integer, Object> changePin(CborRequest request) throws CtapError {
        PinProtocol protocol = PinProtocol.of(request.raw(PROTOCOL), key.model);
        Map<?, ?> platformKey = request.map(KEY_AGREEMENT);
        byte[] pinHashEnc = request.bytes(PIN_HASH_ENC);
        byte[] newPinEnc = request.bytes(NEW_PIN_ENC);
        byte[] param = request.bytes(PIN_UV_AUTH_PARAM);
        requirePinUsable();
        byte[] shared = protocol.sharedSecret(key.keyAgreement, platformKey);
        byte[] message = Arrays.copyOf(newPinEnc, newPinEnc.length + pinHashEnc.length);
        System.arraycopy(pinHashEnc, 0, message, newPinEnc.length, pinHashEnc.length);
        if (!protocol.verify(shared, message, param)) {
            throw new CtapError(CtapStatus.PIN_AUTH_INVALID, "changePIN pinUvAuthParam does not verify");
        }
        checkPinHash(protocol, shared, pinHashEnc);
        byte[] oldHash = key.pinHash.orElseThrow();
        byte[] padded = protocol.decrypt(shared, newPinEnc);
        if (key.forcePinChange && MessageDigest.isEqual(oldHash, pinHashOf(pinBytes(padded)))) {
            throw new CtapError(CtapStatus.PIN_POLICY_VIOLATION, "a forced PIN change needs a different PIN");
        }
        storePin(padded);
        key.resetToken();
        return Map.of();
    }

    private Map<Integer, Object> pinToken(CborRequest request, boolean withPermissions) throws CtapError {
        PinProtocol protocol = PinProtocol.of(request.raw(PROTOCOL), key.model);
        Map<?, ?> platformKey = request.map(KEY_AGREEMENT);
        byte[] pinHashEnc = request.bytes(PIN_HASH_ENC);
        int permissions = KeyState.PERMISSION_MC | KeyState.PERMISSION_GA;
        Optional<String> rpId = Optional.empty();
        if (withPermissions) {
            permissions = request.integer(PERMISSIONS);
            rpId = request.optionalText(RP_ID);
            if (permissions == 0) {
                throw new CtapError(CtapStatus.INVALID_PARAMETER, "no permissions requested");
            }
            if ((permissions & KeyState.PERMISSION_LBW) != 0) {
                throw new CtapError(CtapStatus.UNAUTHORIZED_PERMISSION, "no large blob support");
            }
            if ((permissions & (KeyState.PERMISSION_MC | KeyState.PERMISSION_GA)) != 0 && rpId.isEmpty()) {
                throw new CtapError(CtapStatus.MISSING_PARAMETER, "mc and ga permissions need an rpId");
            }
        } else if (request.has(PERMISSIONS) || request.has(RP_ID)) {
            throw new CtapError(CtapStatus.INVALID_PARAMETER, "getPinToken takes no permissions");
        }
        requirePinUsable();
        byte[] shared = protocol.sharedSecret(key.keyAgreement, platformKey);
        checkPinHash(protocol, shared, pinHashEnc);
        if (key.forcePinChange) {
            throw new CtapError(CtapStatus.PIN_POLICY_VIOLATION, "the PIN must be changed before it is used");
        }
        key.resetToken();
        key.tokenPermissions = permissions;
        key.tokenRpId = rpId;
        return Map.of(0x02, protocol.encrypt(shared, key.pinUvAuthToken));
    }

    private void requirePinUsable() throws CtapError {
        if (!key.pinSet()) {
            throw new CtapError(CtapStatus.PIN_NOT_SET, "no PIN is set");
        }
        if (key.pinRetries == 0) {
            throw new CtapError(CtapStatus.PIN_BLOCKED, "PIN blocked: only a reset helps");
        }
        if (key.consecutiveMismatches >= KeyState.MISMATCHES_BEFORE_POWER_CYCLE) {
            throw new CtapError(CtapStatus.PIN_AUTH_BLOCKED, "three wrong PINs in a row: re-insert the key");
        }
    }

    /** §6.5.5.5 steps: decrement first, compare, and on a mismatch a new key agreement key and the right error. */
    private void checkPinHash(PinProtocol protocol, byte[] shared, byte[] pinHashEnc) throws CtapError {
        key.pinRetries--;
        byte[] presented = protocol.decrypt(shared, pinHashEnc);
        if (!MessageDigest.isEqual(presented, key.pinHash.orElseThrow())) {
            key.regenerateKeyAgreement();
            key.consecutiveMismatches++;
            if (key.pinRetries == 0) {
                throw new CtapError(CtapStatus.PIN_BLOCKED, "wrong PIN, no retries left");
            }
            if (key.consecutiveMismatches >= KeyState.MISMATCHES_BEFORE_POWER_CYCLE) {
                throw new CtapError(CtapStatus.PIN_AUTH_BLOCKED, "wrong PIN three times in a row");
            }
            throw new CtapError(CtapStatus.PIN_INVALID, "wrong PIN, " + key.pinRetries + " retries left");
        }
        key.pinRetries = KeyState.MAX_PIN_RETRIES;
        key.consecutiveMismatches = 0;
    }

    /** Checks and stores a decrypted, zero-padded new PIN (§6.5.5.5: 64 bytes, 4..63 UTF-8 bytes, minPINLength). */
    private void storePin(byte[] padded) throws CtapError {
        if (padded.length != 64) {
            throw new CtapError(CtapStatus.INVALID_PARAMETER, "newPinEnc does not hold 64 padded bytes");
        }
        byte[] pin = pinBytes(padded);
        int codePoints = new String(pin, StandardCharsets.UTF_8).codePointCount(0, new String(pin, StandardCharsets.UTF_8).length());
        if (pin.length > MAX_PIN_BYTES || codePoints < key.minPinLength) {
            throw new CtapError(CtapStatus.PIN_POLICY_VIOLATION, "PIN shorter than " + key.minPinLength
                    + " characters or longer than " + MAX_PIN_BYTES + " bytes");
        }
        key.pinHash = Optional.of(pinHashOf(pin));
        key.pinCodePoints = codePoints;
        key.pinRetries = KeyState.MAX_PIN_RETRIES;
        key.forcePinChange = false;
        Arrays.fill(pin, (byte) 0);
        Arrays.fill(padded, (byte) 0);
    }

    private static byte[] pinBytes(byte[] padded) {
        int end = 0;
        while (end < padded.length && padded[end] != 0) {
            end++;
        }
        return Arrays.copyOf(padded, end);
    }

    private static byte[] pinHashOf(byte[] pin) {
        return Arrays.copyOf(KeyState.sha256(pin), 16);
    }
}
