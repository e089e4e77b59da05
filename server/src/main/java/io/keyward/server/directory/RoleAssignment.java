package io.keyward.server.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A directory role (by Entra role template id) held by a user. */
@Entity
@Table(name = "directory_role_assignment")
public class RoleAssignment {

    @Embeddable
    public record Key(@Column(name = "user_id") UUID userId, @Column(name = "role_template_id") String roleTemplateId)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "assigned_at", nullable = false)
    private Instant assignedAt;

    protected RoleAssignment() {
    }

    public RoleAssignment(UUID userId, String roleTemplateId, Instant assignedAt) {
        this.key = new Key(userId, roleTemplateId);
        this.assignedAt = assignedAt;
    }

    public UUID userId() {
        return key.userId();
    }

    public String roleTemplateId() {
        return key.roleTemplateId();
    }
}
