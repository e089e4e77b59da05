package io.keyward.station.simulator;

/**
 * The CTAP2 status codes a simulated key answers with (CTAP 2.1 §8.2, "Status codes"). Only those the
 * simulator returns are listed.
 */
public enum CtapStatus {
    OK(0x00),
    INVALID_COMMAND(0x01),
    INVALID_PARAMETER(0x02),
    INVALID_LENGTH(0x03),
    CBOR_UNEXPECTED_TYPE(0x11),
    INVALID_CBOR(0x12),
    MISSING_PARAMETER(0x14),
    CREDENTIAL_EXCLUDED(0x19),
    UNSUPPORTED_ALGORITHM(0x26),
    OPERATION_DENIED(0x27),
    KEY_STORE_FULL(0x28),
    UNSUPPORTED_OPTION(0x2b),
    INVALID_OPTION(0x2c),
    KEEPALIVE_CANCEL(0x2d),
    NO_CREDENTIALS(0x2e),
    USER_ACTION_TIMEOUT(0x2f),
    NOT_ALLOWED(0x30),
    PIN_INVALID(0x31),
    PIN_BLOCKED(0x32),
    PIN_AUTH_INVALID(0x33),
    PIN_AUTH_BLOCKED(0x34),
    PIN_NOT_SET(0x35),
    PUAT_REQUIRED(0x36),
    PIN_POLICY_VIOLATION(0x37),
    INVALID_SUBCOMMAND(0x3e),
    UNAUTHORIZED_PERMISSION(0x40);

    private final int code;

    CtapStatus(int code) {
        this.code = code;
    }

    public byte code() {
        return (byte) code;
    }
}
