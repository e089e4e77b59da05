package io.keyward.server.policy;

import io.keyward.server.platform.Refused;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Graph {@code passkeyAuthenticationMethodTarget}: who may use passkeys — everyone ({@code all_users}), a group
 * (members count transitively) or one user — and under which passkey profiles. No {@code allowedPasskeyProfiles}
 * means the default profile. {@code registrationRequired} is kept and shown; it does not change any decision.
 */
public record IncludeTarget(String id, TargetType targetType, boolean registrationRequired, List<UUID> allowedPasskeyProfiles) {

    public IncludeTarget {
        Objects.requireNonNull(targetType, "targetType");
        id = PolicyTargetIds.normalize(id, "includeTargets");
        if (id.equals(PolicyTargetIds.ALL_USERS) && targetType != TargetType.group) {
            throw Refused.invalid("The include target 'all_users' must have targetType 'group', not '" + targetType + "'.");
        }
        allowedPasskeyProfiles = List.copyOf(new LinkedHashSet<>(allowedPasskeyProfiles));
    }

    public static IncludeTarget allUsers() {
        return new IncludeTarget(PolicyTargetIds.ALL_USERS, TargetType.group, false, List.of());
    }

    public static IncludeTarget group(UUID groupId) {
        return new IncludeTarget(groupId.toString(), TargetType.group, false, List.of());
    }

    public static IncludeTarget user(UUID userId) {
        return new IncludeTarget(userId.toString(), TargetType.user, false, List.of());
    }

    public IncludeTarget withAllowedPasskeyProfiles(List<UUID> profiles) {
        return new IncludeTarget(id, targetType, registrationRequired, profiles);
    }

    public boolean isAllUsers() {
        return id.equals(PolicyTargetIds.ALL_USERS);
    }

    /** The object id of the group or user; empty for {@code all_users}. */
    public Optional<UUID> objectId() {
        return isAllUsers() ? Optional.empty() : PolicyTargetIds.objectId(id);
    }

    public boolean matches(UserFacts user) {
        if (isAllUsers()) {
            return true;
        }
        UUID target = objectId().orElseThrow();
        return targetType == TargetType.user ? target.equals(user.userId()) : user.groupIds().contains(target);
    }
}
