package io.keyward.server.token;

import io.keyward.server.platform.AuditRecord;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The token signing keys (RS256), kept in the database so that they survive restarts and are shared by every
 * node, each sealed with the {@link KeyEncryptionKey} that lives outside the database. {@link #rotate} makes a new
 * key active and keeps the old one published until its tokens expire.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    KeywardConfig config;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    private volatile KeyEncryptionKey keyEncryptionKey;

    /**
     * Start-up: loads the key-encryption key, seals keys still stored in clear (written before keys were sealed),
     * checks that it opens every stored key, and makes sure a key is active. A wrong or missing key-encryption key
     * stops the start with a message that says which, rather than failing at the first sign-in.
     */
    @Transactional
    public void prepare() {
        KeyEncryptionKey kek = keyEncryptionKey();
        List<SigningKey> stored = em.createQuery("select k from SigningKey k order by k.createdAt", SigningKey.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        int sealed = 0;
        for (SigningKey key : stored) {
            if (key.isClear()) {
                RSAKey clear = parseClear(key);
                key.seal(kek.seal(clear.toJSONString()));
                sealed++;
            } else {
                try {
                    kek.open(key.storedJwk());
                } catch (KeyEncryptionKey.CannotOpen e) {
                    throw new StartupFailure("Cannot open token signing key " + key.kid() + ": " + e.getMessage()
                            + ". Start Keyward with the key-encryption key the signing keys were sealed with "
                            + "(KEYWARD_KEYS_ENCRYPTION_KEY_FILE).");
                }
            }
        }
        if (sealed > 0) {
            int count = sealed;
            LOG.info(() -> "Sealed " + count + " token signing key(s) that were stored in clear with the key-encryption key "
                    + kek.id() + " (" + kek.source().toAbsolutePath() + ")");
        }
        active();
    }

    /** The key-encryption key, also for the {@link SessionKeys session cookie key}. */
    KeyEncryptionKey keyEncryptionKey() {
        KeyEncryptionKey kek = keyEncryptionKey;
        if (kek == null) {
            kek = KeyEncryptionKey.from(config);
            keyEncryptionKey = kek;
        }
        return kek;
    }

    /**
     * The key that signs new tokens: created on first use, and replaced once it is older than
     * {@code keyward.token.key-rotation-days}. Nodes racing to create or replace it serialize on a row lock.
     */
    @Transactional
    public RSAKey active() {
        Instant rotateBefore = clock.instant().minus(config.signingKeyRotation());
        List<SigningKey> active = activeKeys(LockModeType.NONE);
        if (!active.isEmpty() && active.get(0).createdAt().isAfter(rotateBefore)) {
            return parse(active.get(0));
        }
        em.createNativeQuery("insert into keyward_setting (name, setting_value) select 'signing-key.lock', 'held' "
                + "where not exists (select 1 from keyward_setting where name = 'signing-key.lock')").executeUpdate();
        em.createQuery("select s from Setting s where s.name = 'signing-key.lock'").setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        active = activeKeys(LockModeType.NONE);
        if (!active.isEmpty() && active.get(0).createdAt().isAfter(rotateBefore)) {
            return parse(active.get(0));
        }
        active.forEach(k -> k.retire(clock.instant()));
        SigningKey created = generate();
        em.persist(created);
        cached = null;
        if (!active.isEmpty()) {
            audit.fire(AuditRecord.of("KeyManagement", "Rotate token signing key", Actor.system("Scheduled key rotation"))
                    .target("SigningKey", created.kid(), "RS256")
                    .change("activeKeyId", active.get(0).kid(), created.kid())
                    .build());
        }
        return parse(created);
    }

    /**
     * The id of the key that signs new tokens, opened with the key-encryption key; empty when there is no active key.
     * Reads only (readiness): unlike {@link #active()} it never creates or rotates a key. Throws when the key cannot be
     * opened or the database does not answer.
     */
    @Transactional
    public java.util.Optional<String> loadedActiveKeyId() {
        List<SigningKey> active = activeKeys(LockModeType.NONE);
        return active.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(parse(active.get(0)).getKeyID());
    }

    private List<SigningKey> activeKeys(LockModeType lock) {
        return em.createQuery("select k from SigningKey k where k.status = 'active' order by k.createdAt desc", SigningKey.class)
                .setLockMode(lock).getResultList();
    }

    /** How long a node trusts its copy of the verification keys before reading them again. */
    private static final java.time.Duration KEY_CACHE_TTL = java.time.Duration.ofSeconds(60);

    private volatile CachedKeys cached;

    private record CachedKeys(JWKSet keys, Instant readAt) {
    }

    /**
     * The public key with this id, from this node's copy of the verification keys (read at most once a minute).
     * A key id missing from the copy costs one primary-key lookup: a key another node has just created is picked
     * up at once, and made-up key ids never make a node re-read every key.
     */
    @Transactional
    public java.util.Optional<RSAKey> verificationKey(String kid) {
        Instant now = clock.instant();
        CachedKeys copy = cached;
        if (copy == null || copy.readAt().plus(KEY_CACHE_TTL).isBefore(now)
                || copy.keys().getKeyByKeyId(kid) == null && em.find(SigningKey.class, kid) != null) {
            copy = new CachedKeys(verificationKeys(), now);
            cached = copy;
        }
        return java.util.Optional.ofNullable((RSAKey) copy.keys().getKeyByKeyId(kid));
    }

    /** Keys that verify tokens: the active one and those retired less than a token lifetime ago. */
    @Transactional
    public JWKSet verificationKeys() {
        Instant horizon = clock.instant().minus(config.accessTokenLifetime());
        List<RSAKey> keys = em.createQuery("select k from SigningKey k order by k.createdAt desc", SigningKey.class)
                .getResultList().stream()
                .filter(k -> k.isActive() || k.retiredAt().map(at -> at.isAfter(horizon)).orElse(true))
                .map(k -> parse(k).toPublicJWK())
                .toList();
        return new JWKSet(List.copyOf(keys));
    }

    /** Retires the active key and creates a new one. Returns the new key id. */
    @Transactional
    public String rotate(Actor actor) {
        List<SigningKey> active = em.createQuery("select k from SigningKey k where k.status = 'active'", SigningKey.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        active.forEach(k -> k.retire(clock.instant()));
        SigningKey created = generate();
        em.persist(created);
        cached = null;
        audit.fire(AuditRecord.of("KeyManagement", "Rotate token signing key", actor)
                .target("SigningKey", created.kid(), "RS256")
                .change("activeKeyId", active.isEmpty() ? null : active.get(0).kid(), created.kid())
                .build());
        return created.kid();
    }

    private SigningKey generate() {
        try {
            String kid = UUID.randomUUID().toString();
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            return new SigningKey(kid, "RS256", keyEncryptionKey().seal(key.toJSONString()), clock.instant());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    /**
     * Keys already opened by this node, by key id: a key id names one key for good, so signing a token costs no
     * unsealing and no JWK parsing (the active key itself is still read from the database every time).
     */
    private final java.util.Map<String, RSAKey> opened = new java.util.concurrent.ConcurrentHashMap<>();

    private RSAKey parse(SigningKey key) {
        RSAKey known = opened.get(key.kid());
        if (known != null && !key.isClear()) {
            return known;
        }
        RSAKey parsed = open(key);
        if (!key.isClear()) {
            opened.put(key.kid(), parsed);
        }
        return parsed;
    }

    private RSAKey open(SigningKey key) {
        if (key.isClear()) {
            // Only until prepare() has sealed it: another node may still be starting.
            return parseClear(key);
        }
        try {
            RSAKey opened = RSAKey.parse(keyEncryptionKey().open(key.storedJwk()));
            if (!key.kid().equals(opened.getKeyID())) {
                throw new IllegalStateException("Stored signing key " + key.kid() + " holds the key " + opened.getKeyID());
            }
            return opened;
        } catch (KeyEncryptionKey.CannotOpen e) {
            throw new IllegalStateException("Cannot open token signing key " + key.kid() + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + key.kid() + " is not a valid JWK", e);
        }
    }

    private static RSAKey parseClear(SigningKey key) {
        try {
            return RSAKey.parse(key.storedJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + key.kid() + " is not a valid JWK", e);
        }
    }
}
