package io.keyward.server.bootstrap;

import io.keyward.server.access.TemporaryAccessPasses;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.NewUser;
import io.keyward.server.directory.RoleAssignment;
import io.keyward.server.directory.Tenant;
import io.keyward.server.directory.TenantService;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.DirectoryRole;
import io.keyward.server.token.GraphPermission;
import io.keyward.server.token.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;

/** Creates the tenant and its first administrator exactly once, whatever the number of nodes starting. */
@ApplicationScoped
public class FirstStart {

    static final int ADMIN_PASS_LIFETIME_MINUTES = 7 * 24 * 60;
    private static final Actor BOOTSTRAP = Actor.system("Keyward bootstrap");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    KeywardConfig config;

    @Inject
    TenantService tenants;

    @Inject
    UserService users;

    @Inject
    TemporaryAccessPasses accessPasses;

    @Inject
    AppRegistrations apps;

    @Inject
    DemoTenant demo;

    /** Returns what was created, or empty when the tenant already existed. */
    @Transactional
    public Optional<BootstrapResult> run() {
        // Serializes concurrent first starts of several nodes on the bootstrap marker row.
        em.createNativeQuery("insert into keyward_setting (name, setting_value) select 'bootstrap.lock', 'held' "
                + "where not exists (select 1 from keyward_setting where name = 'bootstrap.lock')").executeUpdate();
        em.createQuery("select s from Setting s where s.name = 'bootstrap.lock'").setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (tenants.find().isPresent()) {
            return Optional.empty();
        }
        Tenant tenant = tenants.create(config.tenantName(), config.tenantDomain(), clock.instant());
        DirectoryUser admin = users.create(new NewUser("admin@" + tenant.defaultDomain(), "Keyward Administrator",
                Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty()), BOOTSTRAP);
        em.persist(new RoleAssignment(admin.id(), DirectoryRole.GLOBAL_ADMINISTRATOR.templateId(), clock.instant()));
        String pass = accessPasses.issue(admin, ADMIN_PASS_LIFETIME_MINUTES, true, BOOTSTRAP).code();
        RegisteredClient client = apps.register("Keyward bootstrap client", GraphPermission.allValues(), BOOTSTRAP);
        if (config.mode() == KeywardConfig.Mode.DEV) {
            demo.seed(tenant, BOOTSTRAP);
        }
        return Optional.of(new BootstrapResult(tenant.id(), admin.userPrincipalName(), pass,
                client.application().appId().toString(), client.clientSecret()));
    }
}
