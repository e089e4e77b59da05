package io.keyward.server.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The organization this installation serves. One installation holds exactly one tenant. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private UUID id;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "default_domain", nullable = false)
    private String defaultDomain;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Tenant() {
    }

    public Tenant(UUID id, String displayName, String defaultDomain, Instant createdAt) {
        this.id = id;
        this.displayName = displayName;
        this.defaultDomain = defaultDomain;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String defaultDomain() {
        return defaultDomain;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
