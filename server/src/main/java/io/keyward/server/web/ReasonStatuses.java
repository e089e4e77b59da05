package io.keyward.server.web;

import io.keyward.server.platform.ReasonCode;

/**
 * The HTTP status each refusal is answered with, for the pages' API and the Graph API alike (GRAPH-API.md §8). An
 * exhaustive switch: a new reason code does not compile until it has a status.
 */
public final class ReasonStatuses {

    private ReasonStatuses() {
    }

    public static int of(ReasonCode reason) {
        return switch (reason) {
            case INVALID_REQUEST, NON_SECURITY_GROUP_TARGET, CHALLENGE_NOT_FOUND, CHALLENGE_EXPIRED,
                    INVALID_ATTESTATION_RESPONSE, INVALID_ATTESTATION_STATEMENT, INVALID_ASSERTION_RESPONSE,
                    UNSUPPORTED_ATTESTATION_FORMAT, ATTESTATION_REQUIRED, ATTESTATION_NOT_TRUSTED,
                    SIGN_COUNT_REGRESSION, REDIRECT_URI_MISMATCH, PKCE_FAILED, AUTHORIZATION_CODE_INVALID,
                    AUTHORIZATION_CODE_REPLAYED, REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED, LOGIN_REQUIRED, INVALID_SCOPE,
                    BUILT_IN_STRENGTH_READ_ONLY -> 400;
            case UNAUTHENTICATED, TOKEN_ISSUER_INVALID, TOKEN_ALGORITHM_INVALID, INVALID_CLIENT -> 401;
            case ACCESS_DENIED, PASSKEY_METHOD_DISABLED, USER_NOT_IN_PASSKEY_POLICY_SCOPE,
                    SELF_SERVICE_REGISTRATION_DISABLED, GUEST_USER_NOT_SUPPORTED, ACCOUNT_DISABLED,
                    PASSKEY_TYPE_NOT_ALLOWED, AAGUID_NOT_ALLOWED, AUTHENTICATOR_COMPROMISED, PASSKEY_FLAGGED_AS_CLONE,
                    CROSS_SITE_REQUEST, PRIVILEGED_USER_PROTECTED, STRONG_SIGN_IN_REQUIRED,
                    AUTHENTICATION_STRENGTH_NOT_MET, BLOCKED_BY_CONDITIONAL_ACCESS -> 403;
            case NOT_FOUND, CREDENTIAL_NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case NOT_ACCEPTABLE -> 406;
            case NAME_ALREADY_EXISTS, CREDENTIAL_ALREADY_REGISTERED, AUTHENTICATION_STRENGTH_IN_USE, PASSKEY_PROFILE_IN_USE -> 409;
            case RESOURCE_MODIFIED -> 412;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case FAILED_DEPENDENCY -> 424;
            case TOO_MANY_REQUESTS -> 429;
            case GENERAL_EXCEPTION -> 500;
            case NOT_SUPPORTED -> 501;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }
}
