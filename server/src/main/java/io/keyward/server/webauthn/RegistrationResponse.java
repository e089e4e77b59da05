package io.keyward.server.webauthn;

import java.util.List;
import java.util.Optional;

/**
 * An authenticator's answer to creation options, as a client sends it: base64url clientDataJSON and
 * attestationObject, and optionally the credential id it claims, transports and client extension results JSON.
 */
public record RegistrationResponse(String clientDataJSON, String attestationObject, Optional<String> credentialId,
                                   List<String> transports, Optional<String> clientExtensionResultsJson) {
}
