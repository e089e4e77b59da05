package io.keyward.server.token;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
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
}
