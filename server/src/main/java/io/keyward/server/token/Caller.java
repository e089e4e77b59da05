package io.keyward.server.token;

import io.keyward.server.platform.Actor;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Who called, as proven by a validated access token: an application with {@code roles} (application
 * permissions), or a user with {@code scp} (delegated scopes) and {@code wids} (directory roles).
 */
public record Caller(String appId, String appDisplayName, Optional<String> userId, Optional<String> userPrincipalName,
                     Set<String> roles, Set<String> scopes, Set<DirectoryRole> directoryRoles) {

    public boolean isDelegated() {
        return userId.isPresent();
    }

    /**
     * Whether the caller may use any of the given permissions: as an application, by holding one as a role; as
     * a user, by holding one as a scope and having a directory role that grants it, or by holding a permission on
     * themselves alone ({@link GraphPermission#selfOnly()}, which needs no role) as a scope.
     */
    public boolean holdsAny(Collection<GraphPermission> permissions) {
        return holdsAnyOnOthers(permissions) || isDelegated() && permissions.stream()
                .anyMatch(p -> p.selfOnly() && scopes.contains(p.value()));
    }

    /** Whether the caller holds one of the permissions beyond themselves: one that is not only on the signed-in user. */
    public boolean holdsAnyOnOthers(Collection<GraphPermission> permissions) {
        for (GraphPermission permission : permissions) {
            if (permission.selfOnly()) {
                continue;
            }
            if (!isDelegated() && roles.contains(permission.value())) {
                return true;
            }
            if (isDelegated() && scopes.contains(permission.value())
                    && directoryRoles.stream().anyMatch(role -> role.grants(permission))) {
                return true;
            }
        }
        return false;
    }

    public Actor actor() {
        return isDelegated()
                ? new Actor(Actor.Kind.user, userId.get(), userPrincipalName.orElse(null))
                : new Actor(Actor.Kind.app, appId, appDisplayName);
    }
}
