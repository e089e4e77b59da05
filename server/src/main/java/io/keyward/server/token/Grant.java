package io.keyward.server.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Access an app holds on behalf of a user, as a token request sees it: the scopes, the sign-in it came from (session,
 * time, methods), the nonce of the authorization request (only when the code is redeemed) and, when the app asked
 * for {@code offline_access}, a new refresh token.
 */
public record Grant(UUID id, ClientApplication app, UUID userId, Set<String> scopes, Optional<UUID> sessionId, Instant authenticatedAt,
                    List<String> amr, Optional<String> nonce, Optional<String> refreshToken) {

    public Grant {
        scopes = Set.copyOf(scopes);
        amr = List.copyOf(amr);
    }

    public String acr() {
        return AuthenticationProof.acrOf(amr);
    }

    public boolean isOpenId() {
        return scopes.contains("openid");
    }
}
