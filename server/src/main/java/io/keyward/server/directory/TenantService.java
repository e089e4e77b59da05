package io.keyward.server.directory;

import io.keyward.server.platform.StartupFailure;
import io.keyward.server.platform.KeywardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/** The installation's one tenant. */
@ApplicationScoped
public class TenantService {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    KeywardConfig config;

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

    /**
     * The domains users' UPNs may be in: the tenant's default domain, then those of {@code keyward.tenant.verified-domains}
     * (comma-separated). Keyward verifies no DNS records: listing a domain there is the administrator's verification.
     */
    public List<String> verifiedDomains() {
        Set<String> domains = new LinkedHashSet<>();
        domains.add(current().defaultDomain().toLowerCase(Locale.ROOT));
        config.value("keyward.tenant.verified-domains").ifPresent(list -> Arrays.stream(list.split(","))
                .map(d -> d.trim().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).forEach(domains::add));
        return List.copyOf(domains);
    }

    /** Whether a path's tenant segment names this tenant: its id or its default domain. */
    public boolean matches(String tenantSegment) {
        Tenant tenant = current();
        return tenant.id().toString().equalsIgnoreCase(tenantSegment) || tenant.defaultDomain().equalsIgnoreCase(tenantSegment);
    }
}
