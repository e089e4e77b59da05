package io.keyward.server.webauthn;

import java.time.Instant;
import java.util.List;

/**
 * PublicKeyCredentialCreationOptions for one registration (WebAuthn L3 §5.4), plus when its challenge expires.
 * Binary values are base64url without padding.
 */
public record CreationOptions(String rpId, String rpName, String userHandle, String userName, String userDisplayName,
                              String challenge, List<Integer> algorithms, long timeoutMillis,
                              List<CredentialDescriptor> excludeCredentials, Instant challengeExpires) {

    /** A credential the authenticator must not register again (or, at sign-in, may use). */
    public record CredentialDescriptor(String id, List<String> transports) {
    }
}
