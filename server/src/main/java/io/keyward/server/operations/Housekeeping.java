package io.keyward.server.operations;

import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.token.Authorizations;
import io.keyward.server.token.Grants;
import io.keyward.server.token.SignInSessions;
import io.keyward.server.webauthn.ChallengeStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes spent rows in the background, on WildFly's managed scheduler: expired challenges, sign-in sessions and
 * parked authorization requests, and the authorization codes, refresh tokens and grants that can no longer be used nor
 * tell of an attack (each owner decides what that is: {@link ChallengeStore#purgeExpired}, {@link Grants#purgeExpired}…).
 * Sign-ins used to run these deletes themselves, one per sign-in on a table that keeps growing; now each node runs
 * them every {@code keyward.housekeeping.interval-seconds} (60), each in a transaction of its own, and counts what it
 * removed in {@code keyward_housekeeping_deleted_rows_total{table}}. Nodes of a cluster may run them at the same time:
 * a row is deleted once, whoever gets it. A failure (database down) is logged and tried again at the next run.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    ChallengeStore challenges;

    @Inject
    SignInSessions sessions;

    @Inject
    Authorizations authorizations;

    @Inject
    Grants grants;

    private ScheduledFuture<?> runs;

    /** Starts the runs with the application, the first after a random part of the interval so nodes spread out. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long interval = config.housekeepingInterval().toMillis();
        long first = interval / 2 + ThreadLocalRandom.current().nextLong(interval / 2 + 1);
        runs = scheduler.scheduleWithFixedDelay(this::run, first, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (runs != null) {
            runs.cancel(false);
        }
    }

    /** One run: each table in its own transaction, so one failing does not keep the others. */
    void run() {
        Instant now = clock.instant();
        purge("webauthn_challenge", () -> challenges.purgeExpired(now));
        purge("sign_in_session", () -> sessions.purgeExpired(now));
        purge("pending_authorization", () -> authorizations.purgeExpired(now));
        try {
            Grants.Purged purged = grants.purgeExpired(now);
            count("authorization_code", purged.authorizationCodes());
            count("refresh_token", purged.refreshTokens());
            count("oauth_grant", purged.grants());
        } catch (RuntimeException e) {
            failed("authorization_code, refresh_token, oauth_grant", e);
        }
    }

    private void purge(String table, IntSupplier delete) {
        try {
            count(table, delete.getAsInt());
        } catch (RuntimeException e) {
            failed(table, e);
        }
    }

    private void count(String table, int deleted) {
        if (deleted > 0) {
            registry.counter("keyward.housekeeping.deleted.rows", Tags.of("table", table)).increment(deleted);
            LOG.fine(() -> "Housekeeping removed " + deleted + " spent rows from " + table);
        }
    }

    private void failed(String tables, RuntimeException e) {
        Duration interval = config.housekeepingInterval();
        LOG.log(Level.WARNING, "Housekeeping could not remove spent rows from " + tables + " (" + e
                + "); it tries again in " + interval.toSeconds() + " s", LOG.isLoggable(Level.FINE) ? e : null);
    }
}
