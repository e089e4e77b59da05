package io.keyward.server.policy;

import java.util.Set;
import java.util.UUID;

/** What the policy needs to know about a user: identity, guest status, and every group it is in (transitively). */
public record UserFacts(UUID userId, boolean guest, boolean accountEnabled, Set<UUID> groupIds) {

    public UserFacts {
        groupIds = Set.copyOf(groupIds);
    }
}
