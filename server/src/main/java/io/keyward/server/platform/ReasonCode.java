package io.keyward.server.platform;

/**
 * Every reason Keyward refuses something. The same code appears in the API error envelope, the sign-in and
 * audit logs and the UIs' messages (GRAPH-API.md §8).
 */
public enum ReasonCode {
    UNAUTHENTICATED("unauthenticated"),
    ACCESS_DENIED("Authorization_RequestDenied"),
    NOT_FOUND("Request_ResourceNotFound"),
    INVALID_REQUEST("invalidRequest"),
    NAME_ALREADY_EXISTS("nameAlreadyExists"),
    NON_SECURITY_GROUP_TARGET("nonSecurityGroupTarget"),
    RESOURCE_MODIFIED("resourceModified"),
    PAYLOAD_TOO_LARGE("requestTooLarge"),
    UNSUPPORTED_MEDIA_TYPE("unsupportedMediaType"),
    METHOD_NOT_ALLOWED("methodNotAllowed"),
    NOT_SUPPORTED("notSupported"),
    GENERAL_EXCEPTION("generalException");

    private final String code;

    ReasonCode(String code) {
        this.code = code;
    }

    /** The stable string form used on the wire and in logs. */
    public String code() {
        return code;
    }
}
