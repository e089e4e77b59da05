package io.keyward.server.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A direct member of a group: a user or another group (nesting is resolved where policy needs it). */
@Entity
@Table(name = "group_member")
public class GroupMembership {

    /** What kind of directory object a member is. */
    public enum MemberType { user, group }

    @Embeddable
    public record Key(@Column(name = "group_id") UUID groupId, @Column(name = "member_id") UUID memberId)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Enumerated(EnumType.STRING)
    @Column(name = "member_type", nullable = false)
    private MemberType memberType;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected GroupMembership() {
    }

    public GroupMembership(UUID groupId, UUID memberId, MemberType memberType, Instant addedAt) {
        this.key = new Key(groupId, memberId);
        this.memberType = memberType;
        this.addedAt = addedAt;
    }

    public UUID groupId() {
        return key.groupId();
    }

    public UUID memberId() {
        return key.memberId();
    }

    public MemberType memberType() {
        return memberType;
    }
}
