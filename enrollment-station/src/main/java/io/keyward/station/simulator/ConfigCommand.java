package io.keyward.station.simulator;

import com.yubico.yubikit.fido.Cbor;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** authenticatorConfig (CTAP 2.1 §6.11): toggleAlwaysUv and setMinPINLength (with forceChangePin). */
final class ConfigCommand {

    private static final int SUB_COMMAND = 0x01, PARAMS = 0x02, PROTOCOL = 0x03, PIN_UV_AUTH_PARAM = 0x04;
    private static final int ENABLE_ENTERPRISE_ATTESTATION = 0x01, TOGGLE_ALWAYS_UV = 0x02, SET_MIN_PIN_LENGTH = 0x03;
    private static final int NEW_MIN_PIN_LENGTH = 0x01, FORCE_CHANGE_PIN = 0x03;

    private final KeyState key;

    ConfigCommand(KeyState key) {
        this.key = key;
    }

    Map<Integer, Object> run(CborRequest request) throws CtapError {
        if (!key.model.ctap21()) {
            throw new CtapError(CtapStatus.INVALID_COMMAND, "CTAP 2.0 keys have no authenticatorConfig");
        }
        int subCommand = request.integer(SUB_COMMAND);
        Optional<Map<?, ?>> params = request.optionalMap(PARAMS);
        authorize(request, subCommand, params);
        switch (subCommand) {
            case TOGGLE_ALWAYS_UV -> key.alwaysUv = !key.alwaysUv;
            case SET_MIN_PIN_LENGTH -> setMinPinLength(params.orElse(Map.of()));
            case ENABLE_ENTERPRISE_ATTESTATION ->
                    throw new CtapError(CtapStatus.UNSUPPORTED_OPTION, "no enterprise attestation");
            default -> throw new CtapError(CtapStatus.INVALID_SUBCOMMAND, "authenticatorConfig " + subCommand);
        }
        return Map.of();
    }

    /**
     * Without a PIN (and alwaysUv off) config needs no authorization; otherwise pinUvAuthParam =
     * authenticate(token, 32×0xff || 0x0d || subCommand || subCommandParams) with the acfg permission (§6.11.1).
     */
    private void authorize(CborRequest request, int subCommand, Optional<Map<?, ?>> params) throws CtapError {
        if (!key.pinSet() && !key.alwaysUv) {
            return;
        }
        if (!request.has(PIN_UV_AUTH_PARAM)) {
            throw new CtapError(CtapStatus.PUAT_REQUIRED, "authenticatorConfig needs a pinUvAuthParam");
        }
        PinProtocol protocol = PinProtocol.of(request.raw(PROTOCOL), key.model);
        byte[] encodedParams = params.map(Cbor::encode).orElse(new byte[0]);
        byte[] message = new byte[34 + encodedParams.length];
        Arrays.fill(message, 0, 32, (byte) 0xff);
        message[32] = 0x0d;
        message[33] = (byte) subCommand;
        System.arraycopy(encodedParams, 0, message, 34, encodedParams.length);
        key.verifyToken(protocol, message, request.bytes(PIN_UV_AUTH_PARAM), KeyState.PERMISSION_ACFG, Optional.empty());
    }

    private void setMinPinLength(Map<?, ?> params) throws CtapError {
        int newLength = params.get(NEW_MIN_PIN_LENGTH) instanceof Integer length ? length : key.minPinLength;
        boolean force = Boolean.TRUE.equals(params.get(FORCE_CHANGE_PIN));
        if (newLength < key.minPinLength) {
            throw new CtapError(CtapStatus.PIN_POLICY_VIOLATION, "the minimum PIN length can only grow");
        }
        if (force && !key.pinSet()) {
            throw new CtapError(CtapStatus.PIN_NOT_SET, "cannot force a PIN change without a PIN");
        }
        key.minPinLength = newLength;
        if (key.pinSet() && (force || key.pinCodePoints < newLength)) {
            key.forcePinChange = true;
        }
    }
}
