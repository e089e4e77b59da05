package io.keyward.server.policy;

import io.keyward.server.platform.Actor;
import io.keyward.server.platform.KeywardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.UnaryOperator;

/**
 * The FIDO2 configuration for everyone who asks. {@link #current()} is on the sign-in path, so each node keeps a
 * copy for {@code keyward.policy.cache-seconds} (default 5); a change made on this node replaces the copy at once,
 * other nodes see it when their copy expires. Reads for the admin API ({@link #read()}) always go to the database.
 */
@ApplicationScoped
public class Fido2Configurations {

    /** What the cache holds and when it was loaded ({@link System#nanoTime()}). */
    private record Cached(StoredFido2Configuration stored, long loadedAt) {
    }

    @Inject
    Fido2ConfigurationStore store;

    @Inject
    KeywardConfig config;

    private volatile Cached cached;
    private long ttlNanos;

    @PostConstruct
    void init() {
        ttlNanos = config.policyCache().toNanos();
    }

    /** The configuration in force, at most a few seconds old. */
    public Fido2Configuration current() {
        Cached copy = cached;
        if (copy == null || System.nanoTime() - copy.loadedAt() >= ttlNanos) {
            return remember(store.load()).configuration();
        }
        return copy.stored().configuration();
    }

    /** The stored configuration with its ETag, read now. */
    public StoredFido2Configuration read() {
        return remember(store.load());
    }

    /** Changes the configuration (a Graph PATCH); 412 {@code resourceModified} when {@code ifMatch} is stale. */
    public StoredFido2Configuration update(String ifMatch, UnaryOperator<Fido2Configuration> change, Actor actor) {
        StoredFido2Configuration stored = store.update(ifMatch, change, actor);
        cached = new Cached(stored, System.nanoTime());
        return stored;
    }

    /** Reverts to {@link Fido2Configuration#defaults()} (a Graph DELETE). */
    public StoredFido2Configuration reset(String ifMatch, Actor actor) {
        return update(ifMatch, c -> Fido2Configuration.defaults(), actor);
    }

    /** Keeps {@code stored} unless the copy is newer: a load that raced a change must not bring the old version back. */
    private StoredFido2Configuration remember(StoredFido2Configuration stored) {
        Cached copy = cached;
        if (copy == null || stored.version() >= copy.stored().version()) {
            cached = new Cached(stored, System.nanoTime());
        }
        return stored;
    }
}
