package io.keyward.server.webauthn;

import java.util.Optional;

/** An authenticator's assertion as the browser sends it (PublicKeyCredential.toJSON()), base64url fields. */
public record AssertionResponse(String credentialId, String clientDataJSON, String authenticatorData, String signature,
                                Optional<String> userHandle) {
}
