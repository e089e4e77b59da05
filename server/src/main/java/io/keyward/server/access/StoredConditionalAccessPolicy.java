package io.keyward.server.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** A conditional access policy as stored: one column per condition list. */
@Entity
@Table(name = "conditional_access_policy")
class StoredConditionalAccessPolicy {

    @Id
    private UUID id;
    @Column(name = "display_name", nullable = false)
    private String displayName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConditionalAccessPolicy.State state;
    @Column(name = "include_users", nullable = false)
    private String includeUsers;
    @Column(name = "exclude_users", nullable = false)
    private String excludeUsers;
    @Column(name = "include_groups", nullable = false)
    private String includeGroups;
    @Column(name = "exclude_groups", nullable = false)
    private String excludeGroups;
    @Column(name = "include_roles", nullable = false)
    private String includeRoles;
    @Column(name = "exclude_roles", nullable = false)
    private String excludeRoles;
    @Column(name = "include_applications", nullable = false)
    private String includeApplications;
    @Column(name = "exclude_applications", nullable = false)
    private String excludeApplications;
    @Column(nullable = false)
    private boolean block;
    @Column(name = "authentication_strength_id")
    private UUID authenticationStrengthId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    protected StoredConditionalAccessPolicy() {
    }

    StoredConditionalAccessPolicy(ConditionalAccessPolicy policy) {
        this.id = policy.id();
        this.createdAt = policy.createdDateTime();
        store(policy);
    }

    void store(ConditionalAccessPolicy policy) {
        displayName = policy.displayName();
        state = policy.state();
        includeUsers = join(policy.users().includeUsers());
        excludeUsers = join(policy.users().excludeUsers());
        includeGroups = join(policy.users().includeGroups());
        excludeGroups = join(policy.users().excludeGroups());
        includeRoles = join(policy.users().includeRoles());
        excludeRoles = join(policy.users().excludeRoles());
        includeApplications = join(policy.applications().includeApplications());
        excludeApplications = join(policy.applications().excludeApplications());
        block = policy.grant().block();
        authenticationStrengthId = policy.grant().authenticationStrengthId().orElse(null);
        modifiedAt = policy.modifiedDateTime();
    }

    ConditionalAccessPolicy value() {
        return new ConditionalAccessPolicy(id, displayName, state,
                new ConditionalAccessPolicy.Users(split(includeUsers), split(excludeUsers), uuids(includeGroups), uuids(excludeGroups),
                        split(includeRoles), split(excludeRoles)),
                new ConditionalAccessPolicy.Applications(split(includeApplications), split(excludeApplications)),
                new ConditionalAccessPolicy.Grant(block, Optional.ofNullable(authenticationStrengthId)), createdAt, modifiedAt);
    }

    private static String join(Collection<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(" "));
    }

    private static Set<String> split(String text) {
        return text.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(text.split(" ")));
    }

    private static Set<UUID> uuids(String text) {
        return split(text).stream().map(UUID::fromString).collect(Collectors.toSet());
    }
}
