package io.keyward.server.policy;

import io.keyward.server.platform.Refused;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Target ids: the literal {@code all_users} or a user's or group's object id (stored in lowercase). */
final class PolicyTargetIds {

    static final String ALL_USERS = "all_users";

    private PolicyTargetIds() {
    }

    static String normalize(String id, String where) {
        if (id == null || id.isBlank()) {
            throw Refused.invalid("Every entry of " + where + " needs an 'id': 'all_users' or the object id of a group or user.");
        }
        String trimmed = id.trim();
        if (trimmed.equalsIgnoreCase(ALL_USERS)) {
            return ALL_USERS;
        }
        return objectId(trimmed).map(UUID::toString).orElseThrow(() -> Refused.invalid(
                "The target id '" + id + "' in " + where + " is neither 'all_users' nor an object id."));
    }

    static Optional<UUID> objectId(String id) {
        if (id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
