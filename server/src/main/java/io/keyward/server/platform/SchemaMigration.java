package io.keyward.server.platform;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Brings the schema to the current version with Flyway before anything reads the database.
 * The schema is owned by the migrations in {@code db/migration}; Hibernate never generates DDL.
 */
public final class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    private SchemaMigration() {
    }

    /** Checks that the database answers, then migrates it. Throws with a message an operator can act on. */
    public static void migrate(DataSource dataSource) {
        String database = describe(dataSource);
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            LOG.info(() -> "Keyward schema on " + database + " is at version "
                    + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion)
                    + " (" + result.migrationsExecuted + " migration(s) applied)");
        } catch (FlywayException e) {
            throw new StartupFailure("Cannot migrate the Keyward schema on " + database + ": " + rootCause(e), e);
        }
    }

    /** Where the schema stands: the version applied last, and how many migrations of this build are not applied yet. */
    public record Status(String currentVersion, int pending) {

        public boolean current() {
            return pending == 0;
        }
    }

    /**
     * The schema's version and the migrations this build has that the database lacks (readiness: a node of a newer
     * build is not ready on an older schema). Reads Flyway's history table; throws when the database does not answer.
     */
    public static Status status(DataSource dataSource) {
        var info = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .info();
        var current = info.current();
        return new Status(current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion(), info.pending().length);
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.getMessage() : failure.getMessage() + " (" + root.getMessage().lines().findFirst().orElse("") + ")";
    }

    private static String describe(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " at " + meta.getURL();
        } catch (SQLException e) {
            throw new StartupFailure("Cannot connect to the Keyward database: " + e.getMessage()
                    + ". Check KEYWARD_DB_URL, KEYWARD_DB_USER and KEYWARD_DB_PASSWORD.", e);
        }
    }
}
