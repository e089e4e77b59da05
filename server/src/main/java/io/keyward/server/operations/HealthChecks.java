package io.keyward.server.operations;

import io.keyward.server.platform.SchemaMigration;
import com.nimbusds.jose.JWSAlgorithm;
import io.keyward.server.token.SigningKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.Optional;

/**
 * Keyward's MicroProfile Health checks, served by WildFly's health layer on the management interface next to the
 * server's own ({@code /health/ready}, {@code /health/live}; docs/operations.md). Readiness: the database answers
 * ({@code keyward-database}), its schema has every migration of this build ({@code keyward-schema}), and the token
 * signing key opens with the key-encryption key ({@code keyward-signing-key}). Liveness: no deadlocked threads
 * ({@code keyward-threads}): a node that is alive but not ready (database down) must not be restarted for it.
 */
@ApplicationScoped
public class HealthChecks {

    /** How long the database may take to confirm a connection before it counts as unreachable. */
    static final int VALIDATION_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource dataSource;

    @Inject
    SigningKeys signingKeys;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("keyward-database");
            long started = System.nanoTime();
            try (Connection connection = dataSource.getConnection()) {
                boolean valid = connection.isValid(VALIDATION_SECONDS);
                var meta = connection.getMetaData();
                return check.status(valid).withData("database", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion())
                        .withData("responseMillis", (System.nanoTime() - started) / 1_000_000).build();
            } catch (Exception e) {
                return down(check, "The database does not answer: " + e.getMessage());
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck schema() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("keyward-schema");
            try {
                SchemaMigration.Status status = SchemaMigration.status(dataSource);
                check.withData("version", status.currentVersion()).withData("pendingMigrations", status.pending());
                return status.current() ? check.up().build()
                        : down(check, status.pending() + " migration(s) of this build are not applied; restart a node to apply them");
            } catch (Exception e) {
                return down(check, "Cannot read the schema version: " + e.getMessage());
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck signingKey() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("keyward-signing-key");
            try {
                for (JWSAlgorithm algorithm : SigningKeys.ALGORITHMS) {
                    Optional<String> kid = signingKeys.loadedActiveKeyId(algorithm);
                    if (kid.isEmpty()) {
                        return down(check, "No active token signing key for " + algorithm + " is stored; tokens cannot be signed");
                    }
                    check.withData(JWSAlgorithm.RS256.equals(algorithm) ? "keyId" : algorithm + "KeyId", kid.get());
                }
                return check.up().build();
            } catch (Exception e) {
                return down(check, "The token signing key cannot be loaded: " + e.getMessage());
            }
        };
    }

    @Produces
    @Liveness
    HealthCheck threads() {
        return () -> {
            long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            HealthCheckResponseBuilder check = HealthCheckResponse.named("keyward-threads")
                    .withData("deadlockedThreads", deadlocked == null ? 0 : deadlocked.length);
            return deadlocked == null ? check.up().build() : check.down().build();
        };
    }

    private static HealthCheckResponse down(HealthCheckResponseBuilder check, String why) {
        return check.down().withData("reason", why == null ? "unknown" : why).build();
    }
}
