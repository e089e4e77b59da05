package io.keyward.server.token;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.RoleAssignment;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Directory role assignments ({@code /roleManagement/directory/roleAssignments}): which user holds which of
 * Keyward's directory roles, tenant-wide (directory scope {@code /}). A role takes effect in the delegated tokens
 * issued after it is assigned ({@code wids}).
 */
@ApplicationScoped
public class RoleAssignments {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    UserService users;

    @Inject
    Clock clock;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    /** One assignment; its Graph id is {@code {roleTemplateId}_{principalId}}. */
    public record Assignment(UUID principalId, DirectoryRole role) {

        public String id() {
            return role.templateId() + "_" + principalId;
        }
    }

    @Transactional
    public List<Assignment> list() {
        return em.createQuery("select r from RoleAssignment r order by r.assignedAt", RoleAssignment.class).getResultStream()
                .flatMap(r -> DirectoryRole.byTemplateId(r.roleTemplateId()).map(role -> new Assignment(r.userId(), role)).stream())
                .toList();
    }

    @Transactional
    public Assignment require(String id) {
        return parse(id).filter(a -> find(a).isPresent()).orElseThrow(() -> Refused.notFound("unifiedRoleAssignment", id));
    }

    /** Assigns a role to a user; 409 when the user holds it already. */
    @Transactional
    public Assignment assign(String principalId, String roleDefinitionId, Actor actor) {
        DirectoryRole role = DirectoryRole.byTemplateId(roleDefinitionId).orElseThrow(() -> Refused.invalid("roleDefinitionId '"
                + abbreviate(roleDefinitionId) + "' is not a directory role Keyward knows; see /roleManagement/directory/roleDefinitions."));
        DirectoryUser user = users.find(principalId).filter(u -> parseUuid(principalId).isPresent())
                .orElseThrow(() -> Refused.invalid("principalId '" + abbreviate(principalId) + "' is not the object id of a user."));
        Assignment assignment = new Assignment(user.id(), role);
        if (find(assignment).isPresent()) {
            throw new Refused(io.keyward.server.platform.ReasonCode.NAME_ALREADY_EXISTS,
                    "A conflicting object with one or more of the specified property values is present in the directory: "
                            + user.userPrincipalName() + " already holds " + role.displayName() + ".");
        }
        em.persist(new RoleAssignment(user.id(), role.templateId(), clock.instant()));
        audit.fire(AuditRecord.of("RoleManagement", "Add member to role", actor).operation("Assign")
                .target("User", user.id(), user.userPrincipalName()).change("Role.DisplayName", null, role.displayName()).build());
        return assignment;
    }

    @Transactional
    public void remove(String id, Actor actor) {
        Assignment assignment = require(id);
        em.remove(find(assignment).orElseThrow());
        audit.fire(AuditRecord.of("RoleManagement", "Remove member from role", actor).operation("Unassign")
                .target("User", assignment.principalId(), null).change("Role.DisplayName", assignment.role().displayName(), null).build());
    }

    private Optional<RoleAssignment> find(Assignment assignment) {
        return Optional.ofNullable(em.find(RoleAssignment.class, new RoleAssignment.Key(assignment.principalId(), assignment.role().templateId())));
    }

    private static Optional<Assignment> parse(String id) {
        int separator = id.indexOf('_');
        if (separator < 0) {
            return Optional.empty();
        }
        return DirectoryRole.byTemplateId(id.substring(0, separator))
                .flatMap(role -> parseUuid(id.substring(separator + 1)).map(user -> new Assignment(user, role)));
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
