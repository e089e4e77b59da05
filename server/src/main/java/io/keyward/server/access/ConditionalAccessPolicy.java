package io.keyward.server.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Graph {@code conditionalAccessPolicy} as far as Keyward evaluates it (GRAPH-API.md §3): who (users, groups,
 * directory roles, all users, guests), which apps, and the grant: block, or an authentication strength.
 */
public record ConditionalAccessPolicy(UUID id, String displayName, State state, Users users, Applications applications,
                                      Grant grant, Instant createdDateTime, Instant modifiedDateTime) {

    /** The special values of {@code includeUsers} / {@code excludeUsers} and {@code includeApplications}. */
    public static final String ALL = "All";
    public static final String NONE = "None";
    public static final String GUESTS_OR_EXTERNAL_USERS = "GuestsOrExternalUsers";

    /** Graph {@code conditionalAccessPolicyState}. */
    public enum State { enabled, disabled, enabledForReportingButNotEnforced }

    /**
     * {@code conditions.users}: user entries are object ids or {@code All}, {@code None}, {@code GuestsOrExternalUsers};
     * groups are security groups (their nested groups' members count); roles are directory role template ids.
     */
    public record Users(Set<String> includeUsers, Set<String> excludeUsers, Set<UUID> includeGroups, Set<UUID> excludeGroups,
                        Set<String> includeRoles, Set<String> excludeRoles) {
        public Users {
            includeUsers = Set.copyOf(includeUsers);
            excludeUsers = Set.copyOf(excludeUsers);
            includeGroups = Set.copyOf(includeGroups);
            excludeGroups = Set.copyOf(excludeGroups);
            includeRoles = Set.copyOf(includeRoles);
            excludeRoles = Set.copyOf(excludeRoles);
        }
    }

    /** {@code conditions.applications}: app ids (client ids), or {@code All} / {@code None}. */
    public record Applications(Set<String> includeApplications, Set<String> excludeApplications) {
        public Applications {
            includeApplications = Set.copyOf(includeApplications);
            excludeApplications = Set.copyOf(excludeApplications);
        }
    }

    /** {@code grantControls}: {@code builtInControls: ["block"]}, or an authentication strength by id. */
    public record Grant(boolean block, Optional<UUID> authenticationStrengthId) {
        public Grant {
            Objects.requireNonNull(authenticationStrengthId);
        }

        public static Grant blockAccess() {
            return new Grant(true, Optional.empty());
        }

        public static Grant strength(UUID id) {
            return new Grant(false, Optional.of(id));
        }
    }

    public ConditionalAccessPolicy {
        Objects.requireNonNull(id);
        Objects.requireNonNull(state);
        Objects.requireNonNull(users);
        Objects.requireNonNull(applications);
        Objects.requireNonNull(grant);
    }
}
