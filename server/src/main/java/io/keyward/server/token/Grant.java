package io.keyward.server.token;

import io.keyward.server.directory.DirectoryUser;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Access an app holds on behalf of a user, as a token request sees it: the scopes, the sign-in it came from (session,
 * time, methods), the nonce of the authorization request (only when the code is redeemed) and, when the app asked
 * for {@code offline_access}, a new refresh token. The user and their directory roles are read in the transaction
 * that redeemed the code or refresh token, so the tokens need no further read.
 */
public record Grant(UUID id, ClientApplication app, DirectoryUser user, Set<String> directoryRoles, Set<String> scopes,
                    Optional<UUID> sessionId, Instant authenticatedAt, List<String> amr, Optional<String> nonce,
                    Optional<String> refreshToken) {

    public Grant {
        directoryRoles = Set.copyOf(directoryRoles);
        scopes = Set.copyOf(scopes);
        amr = List.copyOf(amr);
    }

    public UUID userId() {
        return user.id();
    }

    public String acr() {
        return AuthenticationProof.acrOf(amr);
    }

    public boolean isOpenId() {
        return scopes.contains("openid");
    }
}
