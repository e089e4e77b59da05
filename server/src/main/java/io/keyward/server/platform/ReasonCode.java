package io.keyward.server.platform;

/**
 * Every reason Keyward refuses something. The same code appears in the API error envelope, the sign-in and
 * audit logs and the UIs' messages (GRAPH-API.md §8).
 */
public enum ReasonCode {
    UNAUTHENTICATED("unauthenticated", 401),
    ACCESS_DENIED("Authorization_RequestDenied", 403),
    NOT_FOUND("Request_ResourceNotFound", 404),
    INVALID_REQUEST("invalidRequest", 400),
    NAME_ALREADY_EXISTS("nameAlreadyExists", 409),
    NON_SECURITY_GROUP_TARGET("nonSecurityGroupTarget", 400),
    PASSKEY_METHOD_DISABLED("passkeyMethodDisabled", 403),
    USER_NOT_IN_PASSKEY_POLICY_SCOPE("userNotInPasskeyPolicyScope", 403),
    SELF_SERVICE_REGISTRATION_DISABLED("selfServiceRegistrationDisabled", 403),
    GUEST_USER_NOT_SUPPORTED("guestUserNotSupported", 403),
    ACCOUNT_DISABLED("accountDisabled", 403),
    PASSKEY_TYPE_NOT_ALLOWED("passkeyTypeNotAllowed", 403),
    CHALLENGE_NOT_FOUND("challengeNotFound", 400),
    CHALLENGE_EXPIRED("challengeExpired", 400),
    INVALID_ATTESTATION_RESPONSE("invalidAttestationResponse", 400),
    INVALID_ASSERTION_RESPONSE("invalidAssertionResponse", 400),
    UNSUPPORTED_ATTESTATION_FORMAT("unsupportedAttestationFormat", 400),
    ATTESTATION_REQUIRED("attestationRequired", 400),
    ATTESTATION_NOT_TRUSTED("attestationNotTrusted", 400),
    AAGUID_NOT_ALLOWED("aaguidNotAllowed", 403),
    AUTHENTICATOR_COMPROMISED("authenticatorCompromised", 403),
    CREDENTIAL_ALREADY_REGISTERED("credentialAlreadyRegistered", 409),
    CREDENTIAL_NOT_FOUND("credentialNotFound", 404),
    SIGN_COUNT_REGRESSION("signCountRegression", 400),
    TOO_MANY_REQUESTS("tooManyRequests", 429),
    RESOURCE_MODIFIED("resourceModified", 412),
    PAYLOAD_TOO_LARGE("requestTooLarge", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupportedMediaType", 415),
    METHOD_NOT_ALLOWED("methodNotAllowed", 405),
    NOT_SUPPORTED("notSupported", 501),
    GENERAL_EXCEPTION("generalException", 500),
    TOKEN_ISSUER_INVALID("invalidTokenIssuer", 401),
    STRONG_SIGN_IN_REQUIRED("strongSignInRequired", 403);

    private final String code;
    private final int httpStatus;

    ReasonCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The HTTP status an API answers this refusal with (GRAPH-API.md §8). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The stable string form used on the wire and in logs. */
    public String code() {
        return code;
    }
}
