package io.keyward.server.token;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A signed-in browser: who, with which method (passkey, temporaryAccessPass, password), when they proved it, when this
 * cookie was issued (millisecond precision, compared with the user's {@code signInSessionsValidFromDateTime}: a
 * renewed cookie is issued later than its sign-in) and until when. A session
 * opened with a Temporary Access Pass may register a first passkey.
 */
public record WebSession(UUID userId, String method, Instant authenticatedAt, Instant issuedAt, Instant expiresAt) {

    /** Sign-in methods that prove possession of a strong credential; a password does not. */
    static final Set<String> STRONG_METHODS = Set.of("passkey", "temporaryAccessPass");

    public boolean isStrong() {
        return STRONG_METHODS.contains(method);
    }
}
