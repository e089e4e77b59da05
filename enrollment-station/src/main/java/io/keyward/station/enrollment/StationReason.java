package io.keyward.station.enrollment;

/**
 * Why the station stopped an enrollment on its own account (Keyward's refusals keep Keyward's codes). The same code
 * appears in the station's log, the result file of a batch and, with its sentence, on the operator's page.
 */
public enum StationReason {
    GUEST_USER_NOT_SUPPORTED("guestUserNotSupported"),
    ACCOUNT_DISABLED("accountDisabled"),
    AAGUID_NOT_ALLOWED("aaguidNotAllowed"),
    AUTHENTICATOR_COMPROMISED("authenticatorCompromised"),
    KEYWARD_UNREACHABLE("keywardUnreachable"),
    NO_KEY("noKeyInserted"),
    KEY_REMOVED("keyRemoved"),
    KEY_NOT_CTAP2("keyNotCtap2"),
    NO_RESIDENT_KEYS("keyWithoutResidentKeys"),
    KEY_FULL("keyFull"),
    PIN_INVALID("pinInvalid"),
    PIN_AUTH_BLOCKED("pinAuthBlocked"),
    PIN_BLOCKED("pinBlocked"),
    PIN_POLICY_VIOLATION("pinPolicyViolation"),
    TOUCH_TIMEOUT("touchTimeout"),
    CREDENTIAL_EXCLUDED("credentialExcluded"),
    RESET_NOT_ALLOWED("resetNotAllowed"),
    KEY_ERROR("keyError");

    private final String code;

    StationReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
