package io.keyward.server.token;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** An app registration: a client id, its display name and the Graph application permissions granted to it. */
@Entity
@Table(name = "application")
public class ClientApplication {

    @Id
    private UUID id;

    @Column(name = "app_id", nullable = false)
    private UUID appId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_permission", joinColumns = @JoinColumn(name = "application_id"))
    @Column(name = "permission")
    private Set<String> permissions = new TreeSet<>();

    @Version
    private long version;

    protected ClientApplication() {
    }

    public ClientApplication(UUID id, UUID appId, String displayName, Set<String> permissions, Instant createdAt) {
        this.id = id;
        this.appId = appId;
        this.displayName = displayName;
        this.permissions = new TreeSet<>(permissions);
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID appId() {
        return appId;
    }

    public String displayName() {
        return displayName;
    }

    public Set<String> permissions() {
        return Set.copyOf(permissions);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
