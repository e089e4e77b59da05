package io.keyward.server.token;

import io.keyward.server.platform.AuditRecord;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The token signing keys, kept in the database so that they survive restarts and are shared by every node, each
 * sealed with the {@link KeyEncryptionKey} that lives outside the database. There is one active key per
 * {@linkplain #ALGORITHMS algorithm}: RS256 signs ID tokens (what every OpenID Connect client can verify), ES256 signs
 * the access tokens for Keyward's own Graph API (only Keyward has to verify them, and an ES256 signature costs a
 * fraction of an RS256 one). Both are published in the JWKS. {@link #rotate} makes new keys active and keeps the
 * old ones published until their tokens expire.
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

    /** The algorithms Keyward signs tokens with, each with its own active key. */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

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
                JWK clear = parseClear(key);
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
        ALGORITHMS.forEach(this::active);
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

    /** The key that signs new tokens with one algorithm: its id, its algorithm, its signer (thread-safe), its age. */
    public record ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer, Instant createdAt) {
    }

    /** This bean through its proxy, so that {@link #signingKey} reads the key in a transaction. */
    @Inject
    SigningKeys self;

    /** This node's copies of the active keys, by algorithm, with when each was read (see {@link #signingKey}). */
    private final java.util.Map<JWSAlgorithm, ReadKey> activeCopies = new java.util.concurrent.ConcurrentHashMap<>();

    private record ReadKey(ActiveKey key, Instant readAt) {
    }

    /**
     * The key that signs a token with {@code algorithm}, from this node's copy, read again from the database (through
     * {@link #active}) once it is {@code keyward.token.signing-key-cache-seconds} (60) old or its key is due for
     * rotation. So a token costs no database read; a key rotated on another node is picked up here within that time,
     * and until then this node signs with the previous key, which stays published (and verifies) until its tokens
     * expire. A rotation on this node counts here at once.
     */
    public ActiveKey signingKey(JWSAlgorithm algorithm) {
        Instant now = clock.instant();
        ReadKey copy = activeCopies.get(algorithm);
        if (copy == null || !copy.readAt().plus(config.signingKeyCache()).isAfter(now)
                || !copy.key().createdAt().isAfter(now.minus(config.signingKeyRotation()))) {
            copy = new ReadKey(self.active(algorithm), now);
            activeCopies.put(algorithm, copy);
        }
        return copy.key();
    }

    /**
     * The key that signs new tokens with {@code algorithm}: created on first use, and replaced once it is older than
     * {@code keyward.token.key-rotation-days}. Nodes racing to create or replace it serialize on a row lock.
     */
    @Transactional
    public ActiveKey active(JWSAlgorithm algorithm) {
        Instant rotateBefore = clock.instant().minus(config.signingKeyRotation());
        List<SigningKey> active = activeKeys(algorithm, LockModeType.NONE);
        if (!active.isEmpty() && active.get(0).createdAt().isAfter(rotateBefore)) {
            return opened(active.get(0)).active(active.get(0).createdAt());
        }
        em.createNativeQuery("insert into keyward_setting (name, setting_value) select 'signing-key.lock', 'held' "
                + "where not exists (select 1 from keyward_setting where name = 'signing-key.lock')").executeUpdate();
        em.createQuery("select s from Setting s where s.name = 'signing-key.lock'").setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        active = activeKeys(algorithm, LockModeType.NONE);
        if (!active.isEmpty() && active.get(0).createdAt().isAfter(rotateBefore)) {
            return opened(active.get(0)).active(active.get(0).createdAt());
        }
        active.forEach(k -> k.retire(clock.instant()));
        SigningKey created = generate(algorithm);
        em.persist(created);
        cached = null;
        if (!active.isEmpty()) {
            audit.fire(AuditRecord.of("KeyManagement", "Rotate token signing key", Actor.system("Scheduled key rotation"))
                    .target("SigningKey", created.kid(), algorithm.getName())
                    .change("activeKeyId", active.get(0).kid(), created.kid())
                    .build());
        }
        activeCopies.clear();
        return opened(created).active(created.createdAt());
    }

    /**
     * The id of the key that signs new tokens with {@code algorithm}, opened with the key-encryption key; empty when
     * there is no such active key. Reads only (readiness): unlike {@link #active} it never creates or rotates a key.
     * Throws when the key cannot be opened or the database does not answer.
     */
    @Transactional
    public Optional<String> loadedActiveKeyId(JWSAlgorithm algorithm) {
        List<SigningKey> active = activeKeys(algorithm, LockModeType.NONE);
        return active.isEmpty() ? Optional.empty() : Optional.of(opened(active.get(0)).jwk().getKeyID());
    }

    private List<SigningKey> activeKeys(JWSAlgorithm algorithm, LockModeType lock) {
        return em.createQuery("select k from SigningKey k where k.status = 'active' and k.algorithm = :algorithm "
                        + "order by k.createdAt desc", SigningKey.class)
                .setParameter("algorithm", algorithm.getName()).setLockMode(lock).getResultList();
    }

    /** How long a node trusts its copy of the verification keys before reading them again. */
    static final java.time.Duration KEY_CACHE_TTL = java.time.Duration.ofSeconds(60);

    private volatile CachedKeys cached;

    private record CachedKeys(JWKSet keys, Instant readAt) {
    }

    /**
     * The public key with this id, from this node's copy of the verification keys (read at most once a minute); its
     * {@link JWK#getAlgorithm() algorithm} is the only one a token signed with it may name. A key id missing from the
     * copy costs one primary-key lookup: a key another node has just created is picked up at once, and made-up key
     * ids never make a node re-read every key.
     */
    @Transactional
    public Optional<JWK> verificationKey(String kid) {
        Instant now = clock.instant();
        CachedKeys copy = cached;
        if (copy == null || copy.readAt().plus(KEY_CACHE_TTL).isBefore(now)
                || copy.keys().getKeyByKeyId(kid) == null && em.find(SigningKey.class, kid) != null) {
            copy = new CachedKeys(verificationKeys(), now);
            cached = copy;
        }
        return Optional.ofNullable(copy.keys().getKeyByKeyId(kid));
    }

    /** Keys that verify tokens: the active one and those retired less than a token lifetime ago. */
    @Transactional
    public JWKSet verificationKeys() {
        Instant horizon = clock.instant().minus(config.accessTokenLifetime());
        List<JWK> keys = em.createQuery("select k from SigningKey k order by k.createdAt desc", SigningKey.class)
                .getResultList().stream()
                .filter(k -> k.isActive() || k.retiredAt().map(at -> at.isAfter(horizon)).orElse(true))
                .map(k -> opened(k).jwk().toPublicJWK())
                .toList();
        return new JWKSet(List.copyOf(keys));
    }

    /** Retires the active keys and creates a new one for each algorithm. Returns the new RS256 key's id. */
    @Transactional
    public String rotate(Actor actor) {
        List<SigningKey> active = em.createQuery("select k from SigningKey k where k.status = 'active'", SigningKey.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        active.forEach(k -> k.retire(clock.instant()));
        String rs256 = null;
        for (JWSAlgorithm algorithm : ALGORITHMS) {
            SigningKey created = generate(algorithm);
            em.persist(created);
            String before = active.stream().filter(k -> k.algorithm().equals(algorithm.getName())).findFirst()
                    .map(SigningKey::kid).orElse(null);
            audit.fire(AuditRecord.of("KeyManagement", "Rotate token signing key", actor)
                    .target("SigningKey", created.kid(), algorithm.getName())
                    .change("activeKeyId", before, created.kid())
                    .build());
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                rs256 = created.kid();
            }
        }
        cached = null;
        activeCopies.clear();
        return rs256;
    }

    private SigningKey generate(JWSAlgorithm algorithm) {
        try {
            String kid = UUID.randomUUID().toString();
            JWK key = JWSAlgorithm.ES256.equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate()
                    : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            return new SigningKey(kid, algorithm.getName(), keyEncryptionKey().seal(key.toJSONString()), clock.instant());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " signing key", e);
        }
    }

    /** A stored key opened: the private JWK and its signer. */
    private record Opened(JWK jwk, JWSAlgorithm algorithm, JWSSigner signer) {

        static Opened of(SigningKey row, JWK jwk) {
            // The stored algorithm decides; a row whose JWK is of another type or algorithm is refused, never used.
            JWSAlgorithm algorithm = JWSAlgorithm.parse(row.algorithm());
            if (!row.kid().equals(jwk.getKeyID())) {
                throw new IllegalStateException("Stored signing key " + row.kid() + " holds the key " + jwk.getKeyID());
            }
            try {
                if (JWSAlgorithm.RS256.equals(algorithm) && jwk instanceof RSAKey rsa) {
                    // Keys written before ES256 existed carry no "alg"; the row's algorithm is theirs.
                    RSAKey withAlgorithm = new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.RS256).build();
                    return new Opened(withAlgorithm, algorithm, new RSASSASigner(withAlgorithm));
                }
                if (JWSAlgorithm.ES256.equals(algorithm) && jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                    ECKey withAlgorithm = new ECKey.Builder(ec).algorithm(JWSAlgorithm.ES256).build();
                    return new Opened(withAlgorithm, algorithm, new ECDSASigner(withAlgorithm));
                }
            } catch (JOSEException e) {
                throw new IllegalStateException("Stored signing key " + row.kid() + " cannot sign: " + e.getMessage(), e);
            }
            throw new IllegalStateException("Stored signing key " + row.kid() + " is not a " + algorithm + " key");
        }

        ActiveKey active(Instant createdAt) {
            return new ActiveKey(jwk.getKeyID(), algorithm, signer, createdAt);
        }
    }

    /**
     * Keys already opened by this node, by key id: a key id names one key for good, so signing a token costs no
     * unsealing and no JWK parsing.
     */
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    private Opened opened(SigningKey key) {
        Opened known = opened.get(key.kid());
        if (known != null && !key.isClear()) {
            return known;
        }
        Opened parsed = Opened.of(key, open(key));
        if (!key.isClear()) {
            opened.put(key.kid(), parsed);
        }
        return parsed;
    }

    private JWK open(SigningKey key) {
        if (key.isClear()) {
            // Only until prepare() has sealed it: another node may still be starting.
            return parseClear(key);
        }
        try {
            return JWK.parse(keyEncryptionKey().open(key.storedJwk()));
        } catch (KeyEncryptionKey.CannotOpen e) {
            throw new IllegalStateException("Cannot open token signing key " + key.kid() + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + key.kid() + " is not a valid JWK", e);
        }
    }

    private static JWK parseClear(SigningKey key) {
        try {
            return JWK.parse(key.storedJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + key.kid() + " is not a valid JWK", e);
        }
    }
}
