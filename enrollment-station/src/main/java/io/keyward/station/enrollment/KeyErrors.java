package io.keyward.station.enrollment;

import com.yubico.yubikit.core.fido.CtapException;

/** A key's CTAP2 status in plain words for the operator (CTAP 2.1 §8.2). */
public final class KeyErrors {

    private KeyErrors() {
    }

    public static EnrollmentFailure translate(CtapException e, int retriesLeft) {
        return switch (e.getCtapError()) {
            case CtapException.ERR_PIN_INVALID -> new EnrollmentFailure(StationReason.PIN_INVALID,
                    "Wrong PIN. " + retriesLeft + (retriesLeft == 1 ? " try" : " tries") + " left before the key locks.");
            case CtapException.ERR_PIN_AUTH_BLOCKED -> new EnrollmentFailure(StationReason.PIN_AUTH_BLOCKED,
                    "Three wrong PINs in a row. Pull the key out, insert it again and retry (" + retriesLeft
                            + " tries left before the key locks).");
            case CtapException.ERR_PIN_BLOCKED -> new EnrollmentFailure(StationReason.PIN_BLOCKED,
                    "The key's PIN is blocked after too many wrong PINs. Only a reset makes it usable again, and a reset"
                            + " erases every passkey on it.");
            case CtapException.ERR_PIN_POLICY_VIOLATION -> new EnrollmentFailure(StationReason.PIN_POLICY_VIOLATION,
                    "The key does not accept this PIN (too short, or it must be changed first).");
            case CtapException.ERR_USER_ACTION_TIMEOUT, CtapException.ERR_ACTION_TIMEOUT ->
                    new EnrollmentFailure(StationReason.TOUCH_TIMEOUT,
                            "Nobody touched the key in time. Nothing was registered; try again and touch the key when it blinks.");
            case CtapException.ERR_KEEPALIVE_CANCEL -> new EnrollmentFailure(StationReason.TOUCH_TIMEOUT,
                    "The enrollment was cancelled while the key waited for a touch. Nothing was registered.");
            case CtapException.ERR_KEY_STORE_FULL -> new EnrollmentFailure(StationReason.KEY_FULL,
                    "The key has no room for another passkey. Delete one (key maintenance) or use another key.");
            case CtapException.ERR_CREDENTIAL_EXCLUDED -> new EnrollmentFailure(StationReason.CREDENTIAL_EXCLUDED,
                    "This key already holds a passkey of this employee. Nothing new was registered.");
            default -> new EnrollmentFailure(StationReason.KEY_ERROR,
                    "The key refused the operation (" + e.getErrorName() + "). Nothing was registered.");
        };
    }
}
