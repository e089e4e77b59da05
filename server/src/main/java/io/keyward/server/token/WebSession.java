package io.keyward.server.token;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in browser: who, with which method (passkey, temporaryAccessPass, password), and until when. A session
 * opened with a Temporary Access Pass may register a first passkey.
 */
public record WebSession(UUID userId, String method, Instant expiresAt) {
}
