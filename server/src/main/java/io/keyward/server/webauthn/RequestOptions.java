package io.keyward.server.webauthn;

import java.time.Instant;
import java.util.List;

/**
 * PublicKeyCredentialRequestOptions (WebAuthn L3 §5.5): empty {@code allowCredentials} for usernameless sign-in
 * with discoverable credentials, the user's passkeys when the user was named first.
 */
public record RequestOptions(String rpId, String challenge, long timeoutMillis,
                             List<CreationOptions.CredentialDescriptor> allowCredentials, Instant challengeExpires) {
}
