package io.keyward.server.token;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An app registration: a client id, its display name, the Graph application permissions granted to it, and, as a
 * client of the authorization code flow, whether it can keep a secret, its exact redirect URIs and sign-out
 * redirect URIs, and the delegated Graph permissions an administrator granted it.
 */
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

    @Column(name = "client_type", nullable = false)
    @Enumerated(EnumType.STRING)
    private ClientType clientType = ClientType.CONFIDENTIAL;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_redirect_uri", joinColumns = @JoinColumn(name = "application_id"))
    @Column(name = "uri")
    private Set<String> redirectUris = new TreeSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_logout_uri", joinColumns = @JoinColumn(name = "application_id"))
    @Column(name = "uri")
    private Set<String> logoutUris = new TreeSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_delegated_permission", joinColumns = @JoinColumn(name = "application_id"))
    @Column(name = "permission")
    private Set<String> delegatedPermissions = new TreeSet<>();

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

    /** Makes this registration a client of the authorization code flow. */
    public void configureSignIn(ClientType type, Set<String> redirectUris, Set<String> logoutUris, Set<String> delegatedPermissions) {
        this.clientType = type;
        this.redirectUris = new TreeSet<>(redirectUris);
        this.logoutUris = new TreeSet<>(logoutUris);
        this.delegatedPermissions = new TreeSet<>(delegatedPermissions);
    }

    void rename(String displayName) {
        this.displayName = displayName;
    }

    void redirectTo(ClientType type, Set<String> redirectUris) {
        this.clientType = type;
        this.redirectUris = new TreeSet<>(redirectUris);
    }

    void grantApplicationPermission(String permission) {
        permissions.add(permission);
    }

    boolean revokeApplicationPermission(String permission) {
        return permissions.remove(permission);
    }

    void grantDelegatedPermissions(Set<String> permissions) {
        this.delegatedPermissions = new TreeSet<>(permissions);
    }

    void signOutTo(Set<String> logoutUris) {
        this.logoutUris = new TreeSet<>(logoutUris);
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

    public ClientType clientType() {
        return clientType;
    }

    /** Whether {@code uri} is one of the registered redirect URIs, compared exactly (RFC 9700 §2.1, no patterns). */
    public boolean acceptsRedirectUri(String uri) {
        return redirectUris.contains(uri);
    }

    /** Whether {@code uri} is one of the registered sign-out redirect URIs, compared exactly. */
    public boolean acceptsLogoutUri(String uri) {
        return logoutUris.contains(uri);
    }

    public Set<String> redirectUris() {
        return Set.copyOf(redirectUris);
    }

    public Set<String> logoutUris() {
        return Set.copyOf(logoutUris);
    }

    /** The delegated Graph permissions an administrator granted this app: the most its users' tokens may carry. */
    public Set<String> delegatedPermissions() {
        return Set.copyOf(delegatedPermissions);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
