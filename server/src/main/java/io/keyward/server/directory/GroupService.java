package io.keyward.server.directory;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Groups and their direct memberships; transitive membership for policy evaluation. */
@ApplicationScoped
public class GroupService {

    static final String CATEGORY = "GroupManagement";
    /** Graph accepts at most 20 references in one {@code members@odata.bind}. */
    public static final int MAX_MEMBERS_PER_REQUEST = 20;
    static final Map<String, String> FILTERABLE = Map.of(
            "id", "id",
            "displayName", "displayName",
            "mail", "mail",
            "mailNickname", "mailNickname",
            "securityEnabled", "securityEnabled",
            "mailEnabled", "mailEnabled");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Transactional
    public Group create(NewGroup request, Actor actor) {
        DisplayNames.require(request.displayName());
        Group group = new Group(UUID.randomUUID(), request.displayName().trim(), request.securityEnabled(),
                request.mailEnabled(), clock.instant());
        request.description().ifPresent(group::setDescription);
        request.mailNickname().ifPresent(group::setMailNickname);
        em.persist(group);
        audit.fire(AuditRecord.of(CATEGORY, "Add group", actor).operation("Add")
                .target("Group", group.id(), group.displayName())
                .change("displayName", null, group.displayName())
                .change("securityEnabled", null, group.securityEnabled())
                .change("mailEnabled", null, group.mailEnabled())
                .build());
        addMembers(group, request.members(), actor);
        return group;
    }

    @Transactional
    public Optional<Group> find(String id) {
        return UserService.parseId(id).map(uuid -> em.find(Group.class, uuid));
    }

    @Transactional
    public Group require(String id) {
        return find(id).orElseThrow(() -> Refused.notFound("group", id));
    }

    @Transactional
    public Page<Group> list(PageRequest page) {
        return Repositories.page(em, Group.class, FILTERABLE, page);
    }

    @Transactional
    public long count(Optional<Criterion> filter) {
        return Repositories.count(em, Group.class, FILTERABLE, filter, Repositories.Scope.none());
    }

    @Transactional
    public Group update(String id, GroupChanges changes, Actor actor) {
        Group group = require(id);
        AuditRecord.Builder record = AuditRecord.of(CATEGORY, "Update group", actor)
                .target("Group", group.id(), group.displayName());
        changes.displayName().ifPresent(name -> {
            DisplayNames.require(name);
            record.change("displayName", group.displayName(), name.trim());
            group.setDisplayName(name.trim());
        });
        changes.description().ifPresent(v -> {
            record.change("description", group.description(), v.orElse(null));
            group.setDescription(v.orElse(null));
        });
        changes.mailNickname().ifPresent(v -> {
            record.change("mailNickname", group.mailNickname(), v.orElse(null));
            group.setMailNickname(v.orElse(null));
        });
        changes.securityEnabled().ifPresent(v -> {
            record.change("securityEnabled", group.securityEnabled(), v);
            group.setSecurityEnabled(v);
        });
        changes.mailEnabled().ifPresent(v -> {
            record.change("mailEnabled", group.mailEnabled(), v);
            group.setMailEnabled(v);
        });
        if (record.hasChanges()) {
            audit.fire(record.build());
        }
        addMembers(group, changes.addMembers(), actor);
        return group;
    }

    @Transactional
    public void delete(String id, Actor actor) {
        Group group = require(id);
        em.createQuery("delete from GroupMembership m where m.key.memberId = :id or m.key.groupId = :id")
                .setParameter("id", group.id()).executeUpdate();
        em.remove(group);
        audit.fire(AuditRecord.of(CATEGORY, "Delete group", actor).operation("Delete")
                .target("Group", group.id(), group.displayName())
                .change("displayName", group.displayName(), null)
                .build());
    }

    /** Adds one member; 400 if it already is one, 404 if the object does not exist (Graph group-post-members). */
    @Transactional
    public void addMember(String groupId, String memberId, Actor actor) {
        Group group = require(groupId);
        UUID member = UserService.parseId(memberId).orElseThrow(() -> Refused.notFound("directoryObject", memberId));
        addMembers(group, List.of(member), actor);
    }

    /** Removes one direct member; 404 when it is not a member. */
    @Transactional
    public void removeMember(String groupId, String memberId, Actor actor) {
        Group group = require(groupId);
        UUID member = UserService.parseId(memberId).orElseThrow(() -> Refused.notFound("directoryObject", memberId));
        GroupMembership membership = em.find(GroupMembership.class, new GroupMembership.Key(group.id(), member));
        if (membership == null) {
            throw Refused.notFound("member", memberId);
        }
        em.remove(membership);
        audit.fire(AuditRecord.of(CATEGORY, "Remove member from group", actor).operation("Unassign")
                .target("Group", group.id(), group.displayName())
                .change("members", member.toString(), null)
                .build());
    }

    /** The direct members of a group, users first then groups, each ordered by id. */
    @Transactional
    public List<DirectoryObject> members(String groupId) {
        Group group = require(groupId);
        List<DirectoryObject> members = new ArrayList<>();
        em.createQuery("select u from DirectoryUser u where u.id in "
                        + "(select m.key.memberId from GroupMembership m where m.key.groupId = :g) order by u.id", DirectoryUser.class)
                .setParameter("g", group.id()).getResultList()
                .forEach(u -> members.add(new DirectoryObject.UserMember(u)));
        em.createQuery("select g from Group g where g.id in "
                        + "(select m.key.memberId from GroupMembership m where m.key.groupId = :g) order by g.id", Group.class)
                .setParameter("g", group.id()).getResultList()
                .forEach(g -> members.add(new DirectoryObject.GroupMember(g)));
        return members;
    }

    /** Ids of every group the object belongs to, directly or through nested groups. */
    @Transactional
    public Set<UUID> transitiveGroupIds(UUID memberId) {
        Set<UUID> seen = new LinkedHashSet<>();
        Deque<UUID> frontier = new ArrayDeque<>(List.of(memberId));
        while (!frontier.isEmpty()) {
            UUID current = frontier.pop();
            for (UUID parent : em.createQuery("select m.key.groupId from GroupMembership m where m.key.memberId = :id", UUID.class)
                    .setParameter("id", current).getResultList()) {
                if (seen.add(parent)) {
                    frontier.push(parent);
                }
            }
        }
        return seen;
    }

    private void addMembers(Group group, List<UUID> members, Actor actor) {
        if (members.size() > MAX_MEMBERS_PER_REQUEST) {
            throw Refused.invalid("At most " + MAX_MEMBERS_PER_REQUEST + " members can be added in one request; "
                    + members.size() + " were sent.");
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw Refused.invalid("The same member is referenced more than once.");
        }
        for (UUID member : members) {
            GroupMembership.MemberType type;
            if (em.find(DirectoryUser.class, member) != null) {
                type = GroupMembership.MemberType.user;
            } else if (em.find(Group.class, member) != null) {
                type = GroupMembership.MemberType.group;
                if (member.equals(group.id()) || transitiveGroupIds(group.id()).contains(member)) {
                    throw Refused.invalid("Group " + member + " cannot be a member of " + group.id() + ": that would make a cycle.");
                }
            } else {
                throw Refused.notFound("directoryObject", member);
            }
            if (em.find(GroupMembership.class, new GroupMembership.Key(group.id(), member)) != null) {
                throw Refused.invalid("One or more added object references already exist for the following modified properties: 'members'.");
            }
            em.persist(new GroupMembership(group.id(), member, type, clock.instant()));
            audit.fire(AuditRecord.of(CATEGORY, "Add member to group", actor).operation("Assign")
                    .target("Group", group.id(), group.displayName())
                    .change("members", null, member.toString())
                    .build());
        }
    }

}
