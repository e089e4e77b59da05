package io.keyward.server.platform;

/**
 * Every reason Keyward refuses something: the domain's one vocabulary. The same code appears in the API error
 * envelope, the sign-in and audit logs and the UIs' messages (GRAPH-API.md §8). How a refusal travels over HTTP (its
 * status) is the edges' business: {@code web.ReasonStatuses}.
 */
public enum ReasonCode {
    UNAUTHENTICATED("unauthenticated"),
    ACCESS_DENIED("Authorization_RequestDenied"),
    NOT_FOUND("Request_ResourceNotFound"),
    INVALID_REQUEST("invalidRequest"),
    NAME_ALREADY_EXISTS("nameAlreadyExists"),
    NON_SECURITY_GROUP_TARGET("nonSecurityGroupTarget"),
    PASSKEY_METHOD_DISABLED("passkeyMethodDisabled"),
    USER_NOT_IN_PASSKEY_POLICY_SCOPE("userNotInPasskeyPolicyScope"),
    SELF_SERVICE_REGISTRATION_DISABLED("selfServiceRegistrationDisabled"),
    GUEST_USER_NOT_SUPPORTED("guestUserNotSupported"),
    ACCOUNT_DISABLED("accountDisabled"),
    PASSKEY_TYPE_NOT_ALLOWED("passkeyTypeNotAllowed"),
    CHALLENGE_NOT_FOUND("challengeNotFound"),
    CHALLENGE_EXPIRED("challengeExpired"),
    INVALID_ATTESTATION_RESPONSE("invalidAttestationResponse"),
    /** The attestation statement's signature, certificate or format checks fail (WebAuthn L3 §8): malformed, not merely untrusted. */
    INVALID_ATTESTATION_STATEMENT("invalidAttestationStatement"),
    INVALID_ASSERTION_RESPONSE("invalidAssertionResponse"),
    UNSUPPORTED_ATTESTATION_FORMAT("unsupportedAttestationFormat"),
    ATTESTATION_REQUIRED("attestationRequired"),
    ATTESTATION_NOT_TRUSTED("attestationNotTrusted"),
    AAGUID_NOT_ALLOWED("aaguidNotAllowed"),
    AUTHENTICATOR_COMPROMISED("authenticatorCompromised"),
    CREDENTIAL_ALREADY_REGISTERED("credentialAlreadyRegistered"),
    CREDENTIAL_NOT_FOUND("credentialNotFound"),
    SIGN_COUNT_REGRESSION("signCountRegression"),
    /** A passkey flagged as a possible clone, refused until an admin clears the flag. */
    PASSKEY_FLAGGED_AS_CLONE("passkeyFlaggedAsPossibleClone"),
    TOO_MANY_REQUESTS("tooManyRequests"),
    RESOURCE_MODIFIED("resourceModified"),
    PAYLOAD_TOO_LARGE("requestTooLarge"),
    UNSUPPORTED_MEDIA_TYPE("unsupportedMediaType"),
    /** A state-changing call to the pages' API that did not come from Keyward's own pages (login/logout CSRF). */
    CROSS_SITE_REQUEST("crossSiteRequestRefused"),
    METHOD_NOT_ALLOWED("methodNotAllowed"),
    NOT_SUPPORTED("notSupported"),
    GENERAL_EXCEPTION("generalException"),
    // Graph hardening (issue 6): privileged targets, framework errors.
    PRIVILEGED_USER_PROTECTED("privilegedUserProtected"),
    NOT_ACCEPTABLE("notAcceptable"),
    // Sessions (issue 6): a token signed by Keyward for another issuer; adding a passkey without a recent strong sign-in.
    TOKEN_ISSUER_INVALID("invalidTokenIssuer"),
    /** A token whose {@code alg} is not one Keyward signs access tokens with, or not the one its key is made for. */
    TOKEN_ALGORITHM_INVALID("invalidTokenAlgorithm"),
    STRONG_SIGN_IN_REQUIRED("strongSignInRequired"),
    // OpenID Connect provider (issue 7); the OAuth error code each travels as is the edge's business (web.OAuthError).
    /** Unknown client, or a client that failed to authenticate. */
    INVALID_CLIENT("invalidClient"),
    /** A redirect or sign-out redirect URI that is not one the app registered, exactly. */
    REDIRECT_URI_MISMATCH("redirectUriMismatch"),
    /** PKCE missing, {@code plain}, malformed, or a code_verifier that does not match (RFC 7636). */
    PKCE_FAILED("pkceFailed"),
    /** An authorization code that is unknown, expired, or for another client or redirect URI. */
    AUTHORIZATION_CODE_INVALID("authorizationCodeInvalid"),
    /** An authorization code presented a second time: what it issued is revoked (RFC 6749 §4.1.2). */
    AUTHORIZATION_CODE_REPLAYED("authorizationCodeReplayed"),
    /** A refresh token that is unknown, expired, revoked or another client's. */
    REFRESH_TOKEN_INVALID("refreshTokenInvalid"),
    /** A refresh token used after it was rotated: its whole family is revoked (RFC 9700 §4.14.2). */
    REFRESH_TOKEN_REUSED("refreshTokenReused"),
    /** {@code prompt=none} without a suitable sign-in session (OpenID Connect Core §3.1.2.6). */
    LOGIN_REQUIRED("loginRequired"),
    /** A scope Keyward does not serve or the app was not granted. */
    INVALID_SCOPE("invalidScope"),
    // Graph JSON batching (issue 7).
    /** A request of a JSON batch not run because a request it {@code dependsOn} failed. */
    FAILED_DEPENDENCY("failedDependency"),

    // Authentication strengths and conditional access (issue 7).
    /** An enforced conditional access policy asks for an authentication strength this sign-in's method does not meet. */
    AUTHENTICATION_STRENGTH_NOT_MET("authenticationStrengthNotMet"),
    /** An enforced conditional access policy blocks this user from this app. */
    BLOCKED_BY_CONDITIONAL_ACCESS("blockedByConditionalAccess"),
    /** A built-in authentication strength cannot be changed or deleted. */
    BUILT_IN_STRENGTH_READ_ONLY("builtInAuthenticationStrengthReadOnly"),
    /** An authentication strength that a conditional access policy uses cannot be deleted. */
    AUTHENTICATION_STRENGTH_IN_USE("authenticationStrengthInUse"),

    // The admin center (issue 9).
    /** A passkey profile that an include target of the passkey policy allows cannot be deleted. */
    PASSKEY_PROFILE_IN_USE("passkeyProfileInUse"),

    // Operations (issue 10).
    /** The database does not answer (outage, restart, pool exhausted): try again shortly ({@code Retry-After}). */
    SERVICE_UNAVAILABLE("serviceUnavailable");

    private final String code;

    ReasonCode(String code) {
        this.code = code;
    }

    /** The stable string form used on the wire and in logs. */
    public String code() {
        return code;
    }
}
