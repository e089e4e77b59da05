package io.keyward.server.policy;

import io.keyward.server.platform.Refused;

import java.util.Objects;
import java.util.UUID;

/**
 * Graph {@code excludeTarget}: a group (members count transitively) or user that may not use passkeys even when
 * an include target names them. Excluding {@code all_users} is refused: turning the method off says that.
 */
public record ExcludeTarget(String id, TargetType targetType) {

    public ExcludeTarget {
        Objects.requireNonNull(targetType, "targetType");
        id = PolicyTargetIds.normalize(id, "excludeTargets");
        if (id.equals(PolicyTargetIds.ALL_USERS)) {
            throw Refused.invalid("'all_users' cannot be excluded; set state to 'disabled' to turn passkeys off for everyone.");
        }
    }

    public static ExcludeTarget group(UUID groupId) {
        return new ExcludeTarget(groupId.toString(), TargetType.group);
    }

    public static ExcludeTarget user(UUID userId) {
        return new ExcludeTarget(userId.toString(), TargetType.user);
    }

    public UUID objectId() {
        return PolicyTargetIds.objectId(id).orElseThrow();
    }

    public boolean matches(UserFacts user) {
        return targetType == TargetType.user ? objectId().equals(user.userId()) : user.groupIds().contains(objectId());
    }
}
