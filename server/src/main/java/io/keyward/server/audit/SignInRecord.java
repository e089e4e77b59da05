package io.keyward.server.audit;

import io.keyward.server.platform.ReasonCode;

import java.util.Optional;
import java.util.UUID;

/** What one sign-in attempt was: who, how, from where, and its outcome with the reason code. */
public record SignInRecord(Optional<UUID> userId, Optional<String> userPrincipalName, Optional<String> userDisplayName,
                           String appId, String appDisplayName, Optional<String> ipAddress, String clientApp,
                           String method, Optional<String> methodDetail, Optional<Failure> refusal,
                           Optional<UUID> aaguid, Optional<String> credentialId, Optional<String> auditOnlyReason) {

    /** The {@code status.errorCode} of a refused sign-in (Entra's "authentication failed during strong authentication"). */
    public static final int FAILURE_ERROR_CODE = 500121;
    /** Keyward's own sign-in pages, as the "app" of a sign-in. */
    public static final String KEYWARD_APP_ID = "00000000-0000-0000-0000-00000000c0de";
    public static final String KEYWARD_APP_NAME = "Keyward sign-in";

    public record Failure(ReasonCode reason, String message) {
    }
}
