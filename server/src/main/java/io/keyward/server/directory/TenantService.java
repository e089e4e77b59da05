package io.keyward.server.directory;

import io.keyward.server.platform.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The installation's one tenant. */
@ApplicationScoped
public class TenantService {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    private volatile Tenant cached;

    @Transactional
    public Optional<Tenant> find() {
        return em.createQuery("select t from Tenant t", Tenant.class).getResultStream().findFirst();
    }

    /** The tenant; exists once the bootstrap has run at start-up. */
    public Tenant current() {
        Tenant tenant = cached;
        if (tenant == null) {
            tenant = find().orElseThrow(() -> new StartupFailure("The tenant has not been created yet."));
            cached = tenant;
        }
        return tenant;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant create(String displayName, String domain, Instant at) {
        Tenant tenant = new Tenant(UUID.randomUUID(), displayName, domain, at);
        em.persist(tenant);
        cached = tenant;
        return tenant;
    }

    /** Whether a path's tenant segment names this tenant: its id or its default domain. */
    public boolean matches(String tenantSegment) {
        Tenant tenant = current();
        return tenant.id().toString().equalsIgnoreCase(tenantSegment) || tenant.defaultDomain().equalsIgnoreCase(tenantSegment);
    }
}
