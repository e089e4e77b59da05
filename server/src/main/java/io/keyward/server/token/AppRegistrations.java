package io.keyward.server.token;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** App registrations and their client secrets. */
@ApplicationScoped
public class AppRegistrations {

    static final Duration SECRET_LIFETIME = Duration.ofDays(730);

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    /** Registers a confidential client holding the given Graph application permissions. */
    @Transactional
    public RegisteredClient register(String displayName, Set<String> permissions, Actor actor) {
        for (String permission : permissions) {
            GraphPermission.parse(permission).filter(p -> !p.selfOnly())
                    .orElseThrow(() -> Refused.invalid("'" + permission + "' is not a Graph application permission Keyward knows."));
        }
        ClientApplication app = new ClientApplication(UUID.randomUUID(), UUID.randomUUID(), displayName, permissions, clock.instant());
        em.persist(app);
        String secret = SecretHasher.generateSecret(40);
        em.persist(new ClientSecret(UUID.randomUUID(), app.id(), "initial", secret.substring(0, 3),
                SecretHasher.hashSecret(secret), clock.instant(), clock.instant().plus(SECRET_LIFETIME)));
        audit.fire(AuditRecord.of("ApplicationManagement", "Add application", actor).operation("Add")
                .target("Application", app.appId(), app.displayName())
                .change("appRoles", null, String.join(" ", app.permissions()))
                .build());
        return new RegisteredClient(app, secret);
    }

    /**
     * Registers a confidential web app whose client id and secret come from configuration (Keyward's own admin center,
     * {@code keyward.admin.client-id} / {@code keyward.admin.client-secret}), signing in through the authorization code
     * flow with the given redirect URIs and granted the given delegated Graph permissions. Stores only the secret's hash.
     */
    @Transactional
    public ClientApplication registerConfiguredWebApp(UUID appId, String displayName, String secret, Set<String> redirectUris,
                                                      Set<String> logoutUris, Set<String> delegatedPermissions, Actor actor) {
        ClientApplication app = new ClientApplication(UUID.randomUUID(), appId, requireName(displayName), Set.of(), clock.instant());
        app.configureSignIn(ClientType.CONFIDENTIAL, redirectUris, logoutUris, delegatedPermissions);
        em.persist(app);
        em.persist(new ClientSecret(UUID.randomUUID(), app.id(), "configured", secret.substring(0, 3),
                SecretHasher.hashSecret(secret), clock.instant(), clock.instant().plus(SECRET_LIFETIME)));
        audit.fire(AuditRecord.of("ApplicationManagement", "Add application", actor).operation("Add")
                .target("Application", app.appId(), app.displayName())
                .change("redirectUris", null, String.join(" ", app.redirectUris()))
                .change("DelegatedPermissionGrant.Scope", null, String.join(" ", app.delegatedPermissions()))
                .build());
        return app;
    }

    @Transactional
    public Optional<ClientApplication> findByClientId(String clientId) {
        UUID appId;
        try {
            appId = UUID.fromString(clientId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return em.createQuery("select a from ClientApplication a where a.appId = :appId", ClientApplication.class)
                .setParameter("appId", appId).getResultStream().findFirst();
    }

    /** The application whose unexpired secret matches, if any. */
    @Transactional
    public Optional<ClientApplication> authenticate(String clientId, String clientSecret) {
        return findByClientId(clientId).filter(app -> em.createQuery(
                        "select s from ClientSecret s where s.applicationId = :id", ClientSecret.class)
                .setParameter("id", app.id()).getResultStream()
                .anyMatch(s -> s.expiresAt().isAfter(clock.instant()) && SecretHasher.matchesSecret(clientSecret, s.secretHash())));
    }

    /** Every app registration, oldest first. */
    @Transactional
    public List<ClientApplication> list() {
        return em.createQuery("select a from ClientApplication a order by a.createdAt, a.id", ClientApplication.class).getResultList();
    }

    /** The app registration with this object id (Graph's application {@code id}). */
    @Transactional
    public ClientApplication require(String objectId) {
        return parseId(objectId).flatMap(id -> Optional.ofNullable(em.find(ClientApplication.class, id)))
                .orElseThrow(() -> Refused.notFound("application", objectId));
    }

    /** Registers an app without permissions or secrets (Graph {@code POST /applications}). */
    @Transactional
    public ClientApplication create(String displayName, ApplicationChanges settings, Actor actor) {
        ClientApplication app = new ClientApplication(UUID.randomUUID(), UUID.randomUUID(), requireName(displayName), Set.of(), clock.instant());
        apply(app, settings);
        em.persist(app);
        audit.fire(AuditRecord.of("ApplicationManagement", "Add application", actor).operation("Add")
                .target("Application", app.appId(), app.displayName())
                .change("redirectUris", null, String.join(" ", app.redirectUris()))
                .change("clientType", null, app.clientType().name())
                .build());
        return app;
    }

    @Transactional
    public ClientApplication update(String objectId, ApplicationChanges changes, Actor actor) {
        ClientApplication app = require(objectId);
        String before = String.join(" ", app.redirectUris());
        ClientType typeBefore = app.clientType();
        changes.displayName().ifPresent(name -> app.rename(requireName(name)));
        apply(app, changes);
        audit.fire(AuditRecord.of("ApplicationManagement", "Update application", actor).operation("Update")
                .target("Application", app.appId(), app.displayName())
                .change("redirectUris", before, String.join(" ", app.redirectUris()))
                .change("clientType", typeBefore.name(), app.clientType().name())
                .build());
        return app;
    }

    @Transactional
    public void delete(String objectId, Actor actor) {
        ClientApplication app = require(objectId);
        em.remove(app);
        audit.fire(AuditRecord.of("ApplicationManagement", "Delete application", actor).operation("Delete")
                .target("Application", app.appId(), app.displayName()).build());
    }

    /** The app's client secrets (never their values). */
    @Transactional
    public List<ClientSecret> passwords(ClientApplication app) {
        return em.createQuery("select s from ClientSecret s where s.applicationId = :id order by s.createdAt", ClientSecret.class)
                .setParameter("id", app.id()).getResultList();
    }

    /**
     * Adds a client secret (Graph {@code addPassword}); its value is returned this once. Whoever can add a secret can
     * sign in as the app, so the caller must already hold every application permission the app holds: a secret is
     * never a way to more permissions than one has.
     */
    @Transactional
    public NewPassword addPassword(String objectId, Optional<String> displayName, Optional<Instant> endDateTime, Caller caller) {
        ClientApplication app = require(objectId);
        requireCallerHoldsPermissionsOf(app, caller);
        if (app.clientType() == ClientType.PUBLIC) {
            throw Refused.invalid("'" + app.displayName() + "' is a public client (isFallbackPublicClient or only spa/publicClient "
                    + "redirect URIs): it cannot keep a secret, so it has none.");
        }
        Instant now = clock.instant();
        Instant end = endDateTime.orElse(now.plus(SECRET_LIFETIME));
        if (!end.isAfter(now) || end.isAfter(now.plus(SECRET_LIFETIME))) {
            throw Refused.invalid("endDateTime must be in the future and at most " + SECRET_LIFETIME.toDays() + " days away.");
        }
        String secret = SecretHasher.generateSecret(40);
        ClientSecret stored = new ClientSecret(UUID.randomUUID(), app.id(), displayName.orElse(null), secret.substring(0, 3),
                SecretHasher.hashSecret(secret), now, end);
        em.persist(stored);
        audit.fire(AuditRecord.of("ApplicationManagement", "Update application – Certificates and secrets management", caller.actor())
                .operation("Update").target("Application", app.appId(), app.displayName())
                .change("passwordCredentials", null, stored.id().toString()).build());
        return new NewPassword(stored, secret);
    }

    /** Removes a client secret (Graph {@code removePassword}); tokens it obtained stay valid until they expire. */
    @Transactional
    public void removePassword(String objectId, String keyId, Caller caller) {
        ClientApplication app = require(objectId);
        requireCallerHoldsPermissionsOf(app, caller);
        ClientSecret secret = parseId(keyId).flatMap(id -> Optional.ofNullable(em.find(ClientSecret.class, id)))
                .filter(s -> s.applicationId().equals(app.id()))
                .orElseThrow(() -> Refused.notFound("passwordCredential", keyId));
        em.remove(secret);
        audit.fire(AuditRecord.of("ApplicationManagement", "Update application – Certificates and secrets management", caller.actor())
                .operation("Update").target("Application", app.appId(), app.displayName())
                .change("passwordCredentials", secret.id().toString(), null).build());
    }

    /** A client secret just added, with its value, shown only this once. */
    public record NewPassword(ClientSecret secret, String secretText) {
    }

    private static void requireCallerHoldsPermissionsOf(ClientApplication app, Caller caller) {
        for (String permission : app.permissions()) {
            boolean held = GraphPermission.parse(permission).map(p -> caller.holdsAny(List.of(p))).orElse(false);
            if (!held) {
                throw new Refused(ReasonCode.ACCESS_DENIED, "Insufficient privileges to manage the secrets of '" + app.displayName()
                        + "': it holds the application permission " + permission + ", which you do not hold. A secret must not give "
                        + "more than its creator has.");
            }
        }
    }

    /** Applies the redirect settings; web and public redirect URIs cannot be mixed in one app (one client type). */
    private static void apply(ClientApplication app, ApplicationChanges changes) {
        boolean publicNow = app.clientType() == ClientType.PUBLIC;
        Set<String> web = changes.webRedirectUris().orElse(publicNow ? Set.of() : app.redirectUris());
        Set<String> pub = changes.publicRedirectUris().orElse(publicNow ? app.redirectUris() : Set.of());
        boolean fallback = changes.fallbackPublicClient().orElse(publicNow && web.isEmpty());
        if (!web.isEmpty() && !pub.isEmpty()) {
            throw Refused.invalid("An application is either a web app (web.redirectUris, with a client secret) or a public client "
                    + "(spa / publicClient redirectUris, PKCE only) in Keyward; register the single-page or native app as its own application.");
        }
        if (fallback && !web.isEmpty()) {
            throw Refused.invalid("isFallbackPublicClient makes the app a public client; move web.redirectUris to publicClient.redirectUris.");
        }
        Set<String> uris = web.isEmpty() ? pub : web;
        RedirectUris.requireValid(uris);
        app.redirectTo(fallback || !pub.isEmpty() ? ClientType.PUBLIC : ClientType.CONFIDENTIAL, uris);
        changes.logoutUrl().ifPresent(url -> {
            url.ifPresent(RedirectUris::requireValid);
            app.signOutTo(url.map(Set::of).orElse(Set.of()));
        });
    }

    private static String requireName(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 256) {
            throw Refused.invalid("displayName is required and at most 256 characters.");
        }
        return displayName.trim();
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Grants an application permission (Graph {@code appRoleAssignments} on the app's service principal). Like a
     * secret, a grant must not give more than its granter holds: the caller must hold the permission.
     */
    @Transactional
    public ClientApplication grantApplicationPermission(String appId, GraphPermission permission, Caller caller) {
        ClientApplication app = findByClientId(appId).orElseThrow(() -> Refused.notFound("servicePrincipal", appId));
        if (permission.selfOnly()) {
            throw Refused.invalid(permission.value() + " is a delegated permission; grant it with oauth2PermissionGrants.");
        }
        if (!caller.holdsAny(List.of(permission))) {
            throw new Refused(ReasonCode.ACCESS_DENIED, "Insufficient privileges to grant " + permission.value() + ", which you do not hold.");
        }
        if (app.permissions().contains(permission.value())) {
            throw new Refused(ReasonCode.NAME_ALREADY_EXISTS, "Permission being assigned already exists on the object: " + permission.value() + ".");
        }
        app.grantApplicationPermission(permission.value());
        audit.fire(AuditRecord.of("ApplicationManagement", "Add app role assignment to service principal", caller.actor()).operation("Assign")
                .target("ServicePrincipal", app.appId(), app.displayName()).change("AppRole.Value", null, permission.value()).build());
        return app;
    }

    @Transactional
    public void revokeApplicationPermission(String appId, String permission, Actor actor) {
        ClientApplication app = findByClientId(appId).orElseThrow(() -> Refused.notFound("servicePrincipal", appId));
        if (!app.revokeApplicationPermission(permission)) {
            throw Refused.notFound("appRoleAssignment", permission);
        }
        audit.fire(AuditRecord.of("ApplicationManagement", "Remove app role assignment from service principal", actor).operation("Unassign")
                .target("ServicePrincipal", app.appId(), app.displayName()).change("AppRole.Value", permission, null).build());
    }

    /** Sets the delegated permissions an administrator granted the app for all users (Graph {@code oauth2PermissionGrants}). */
    @Transactional
    public ClientApplication grantDelegatedPermissions(String appId, Set<String> permissions, Actor actor) {
        ClientApplication app = findByClientId(appId).orElseThrow(() -> Refused.notFound("servicePrincipal", appId));
        for (String permission : permissions) {
            GraphPermission.parse(permission).orElseThrow(() -> Refused.invalid("'" + permission + "' is not a Graph permission Keyward knows."));
        }
        String before = String.join(" ", app.delegatedPermissions());
        app.grantDelegatedPermissions(permissions);
        audit.fire(AuditRecord.of("ApplicationManagement", "Add delegated permission grant", actor).operation("Assign")
                .target("ServicePrincipal", app.appId(), app.displayName()).change("DelegatedPermissionGrant.Scope", before,
                        String.join(" ", app.delegatedPermissions())).build());
        return app;
    }
}
