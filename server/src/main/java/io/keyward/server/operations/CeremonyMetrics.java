package io.keyward.server.operations;

import io.keyward.server.access.SignInAttempted;
import io.keyward.server.platform.AfterCommit;
import io.keyward.server.webauthn.ChallengeStore;
import io.keyward.server.webauthn.PasskeyRegistered;
import io.keyward.server.webauthn.PasskeyRegistrationRefused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keyward's own meters, in WildFly's Micrometer registry (scraped in Prometheus format from the management interface,
 * {@code /metrics}; docs/operations.md). Each counts at the one place an outcome is decided, so a meter agrees with its
 * log:
 * <ul>
 *     <li>{@code keyward_signins_total{method, result, reason}}: every {@link SignInAttempted} the ceremonies raise, the
 *     event the sign-in log writes its rows from. A refusal counts at once (its log row is written in a transaction of
 *     its own); a success counts when the sign-in's transaction commits, as its log row does.</li>
 *     <li>{@code keyward_registrations_total{method, channel, result, reason}}: {@link PasskeyRegistered} after its
 *     commit, {@link PasskeyRegistrationRefused} (the event the directory audit log records refusals from) at once.</li>
 *     <li>{@code keyward_ceremony_duration_seconds{ceremony, outcome}}: a histogram of how long each sign-in and
 *     registration request took in the server.</li>
 *     <li>{@code keyward_challenges_stored{purpose}}: rows in the challenge store (registration challenges, marks of
 *     used sign-in challenges; unused sign-in challenges are signed and cost no row), read at most every 10 s.</li>
 *     <li>{@code keyward_signin_flood_refused_total{endpoint}}: sign-in requests refused by the per-address flood limit.</li>
 * </ul>
 */
@ApplicationScoped
public class CeremonyMetrics {

    /** The histogram's buckets: sign-in latency targets are tens of milliseconds, outages seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Duration CHALLENGE_COUNT_AGE = Duration.ofSeconds(10);

    @Inject
    MeterRegistry registry;

    @Inject
    ChallengeStore challenges;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /** Where the latency histograms go: see {@link #histogramRegistry}. */
    private MeterRegistry histograms;

    private volatile Instant challengesCountedAt = Instant.EPOCH;
    private volatile Map<String, Long> challengeCounts = Map.of();

    @PostConstruct
    void registerGauges() {
        histograms = histogramRegistry(registry);
        for (String purpose : new String[]{ChallengeStore.REGISTRATION, ChallengeStore.USED}) {
            registry.gauge("keyward.challenges.stored", Tags.of("purpose", purpose), this, metrics -> metrics.storedChallenges(purpose));
        }
    }

    /**
     * Removes the gauges when the application stops: WildFly's registry outlives a deployment, and a redeployed
     * Keyward's gauges of the same name and tags would otherwise be taken for these, which read a stopped instance.
     */
    @PreDestroy
    void removeGauges() {
        registry.find("keyward.challenges.stored").gauges().forEach(registry::remove);
    }

    /**
     * The registry that exports a histogram. WildFly 39 gives a deployment an {@code ApplicationRegistry} that passes
     * {@code counter}, {@code gauge} and {@code timer(name, tags)} on to the server's registry (the one {@code /metrics}
     * serves) but keeps meters registered through a builder, the only way to ask for histogram buckets, to itself, where
     * no scrape sees them. So the latency timers are registered on the server's registry itself, which that class holds
     * in its {@code parentRegistry} field; should a later WildFly not have it, they fall back to the deployment's
     * registry's {@code timer(name, tags)} (count, sum and max, no buckets). Checked by OperationsIT.
     */
    static MeterRegistry histogramRegistry(MeterRegistry deployment) {
        Object instance = deployment instanceof org.jboss.weld.proxy.WeldClientProxy proxy
                ? proxy.getMetadata().getContextualInstance() : deployment;
        if (!instance.getClass().getName().equals("org.wildfly.extension.micrometer.registry.ApplicationRegistry")) {
            return deployment;
        }
        try {
            java.lang.reflect.Field parent = instance.getClass().getDeclaredField("parentRegistry");
            parent.setAccessible(true);
            return (MeterRegistry) parent.get(instance);
        } catch (ReflectiveOperationException | RuntimeException notThere) {
            System.getLogger(CeremonyMetrics.class.getName()).log(System.Logger.Level.WARNING,
                    "keyward_ceremony_duration_seconds is exported without histogram buckets: " + notThere);
            return null;
        }
    }

    /** Registers the gauges when the application starts, not at the first sign-in. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: the container creates this bean, and @PostConstruct registers the gauges.
    }

    /** Counts a sign-in attempt: a refusal now, a success once its transaction has committed. */
    void signIn(@Observes SignInAttempted attempt) {
        Counter counter = registry.counter("keyward.signins", Tags.of("method", attempt.method(),
                "result", attempt.succeeded() ? "success" : "failure",
                "reason", attempt.failure().map(f -> f.reason().code()).orElse("none")));
        if (attempt.succeeded() && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            AfterCommit.run(transactions, counter::increment);
        } else {
            counter.increment();
        }
    }

    void registered(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasskeyRegistered registration) {
        registrations(registration.channel().name(), "success", "none").increment();
    }

    void registrationRefused(@Observes PasskeyRegistrationRefused refusal) {
        registrations(refusal.channel().name(), "failure", refusal.reason().code()).increment();
    }

    /** Records how long one ceremony request ({@code ceremony}, e.g. {@code signin.passkey}) took and how it ended. */
    public void ceremony(String ceremony, String outcome, long nanos) {
        Timer timer = histograms == null ? registry.timer("keyward.ceremony.duration", Tags.of("ceremony", ceremony, "outcome", outcome))
                : Timer.builder("keyward.ceremony.duration")
                .description("Time the server spent on a sign-in or registration request")
                .tag("ceremony", ceremony)
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(histograms);
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A sign-in request to {@code endpoint} refused by the flood limit. */
    public void floodRefused(String endpoint) {
        registry.counter("keyward.signin.flood.refused", Tags.of("endpoint", endpoint)).increment();
    }

    private Counter registrations(String channel, String result, String reason) {
        return registry.counter("keyward.registrations", Tags.of("method", "passkey", "channel", channel.toLowerCase(Locale.ROOT),
                "result", result, "reason", reason));
    }

    /** The count for {@code purpose}, from a reading at most {@link #CHALLENGE_COUNT_AGE} old; NaN while the database does not answer. */
    private double storedChallenges(String purpose) {
        if (challengesCountedAt.plus(CHALLENGE_COUNT_AGE).isBefore(Instant.now())) {
            try {
                challengeCounts = challenges.storedCounts();
            } catch (java.sql.SQLException | RuntimeException unavailable) {
                // At most once per reading interval: the scrape asks every few seconds.
                System.getLogger(CeremonyMetrics.class.getName()).log(System.Logger.Level.WARNING,
                        "keyward_challenges_stored is NaN while the challenge store cannot be read: " + unavailable);
                challengeCounts = Map.of();
            }
            challengesCountedAt = Instant.now();
        }
        Long count = challengeCounts.get(purpose);
        return count == null ? Double.NaN : count;
    }
}
