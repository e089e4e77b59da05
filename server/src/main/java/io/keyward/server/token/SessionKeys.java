package io.keyward.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.text.ParseException;

/**
 * The key of the browser session cookies ({@link WebSessions}): HMAC-SHA-256 (JWS {@code HS256}) under a 256-bit
 * secret. Only Keyward reads its cookies, so they need no public-key signature; an HMAC costs microseconds where an
 * RS256 signature costs about a millisecond of CPU. ID tokens for apps stay RS256 ({@link SigningKeys}).
 *
 * <p>Every node shares the key: the first node that needs it creates it (a race leaves exactly one), stored in
 * {@code keyward_setting} sealed with the {@link KeyEncryptionKey} like the token signing keys, so someone who reads
 * the database or a backup cannot forge a session. Its {@code kid} is a digest of the key.
 */
@ApplicationScoped
public class SessionKeys {

    static final String SETTING = "web-session.hs256-key";

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    SigningKeys signingKeys;

    /** This bean through its proxy, so that {@link #loadOrCreate} runs in its own transaction. */
    @Inject
    SessionKeys self;

    private volatile Key key;

    /** The key with what signs and verifies with it (both thread-safe). */
    record Key(String id, MACSigner signer, MACVerifier verifier) {

        static Key of(OctetSequenceKey jwk) {
            try {
                return new Key(jwk.getKeyID(), new MACSigner(jwk), new MACVerifier(jwk));
            } catch (JOSEException e) {
                throw new IllegalStateException("The session key is not a valid HS256 key", e);
            }
        }
    }

    Key key() {
        Key current = key;
        if (current == null) {
            try {
                current = Key.of(OctetSequenceKey.parse(signingKeys.keyEncryptionKey().open(self.loadOrCreate())));
            } catch (KeyEncryptionKey.CannotOpen e) {
                throw new IllegalStateException("Cannot open the session cookie key: " + e.getMessage(), e);
            } catch (ParseException e) {
                throw new IllegalStateException("The stored session cookie key is not a valid JWK", e);
            }
            key = current;
        }
        return current;
    }

    /** The sealed key all nodes share, created by whichever node needs it first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String loadOrCreate() {
        em.createNativeQuery("insert into keyward_setting (name, setting_value) values (?1, ?2) on conflict do nothing")
                .setParameter(1, SETTING).setParameter(2, signingKeys.keyEncryptionKey().seal(generate().toJSONString())).executeUpdate();
        return (String) em.createNativeQuery("select setting_value from keyward_setting where name = ?1")
                .setParameter(1, SETTING).getSingleResult();
    }

    /** A new 256-bit HS256 key whose id is a digest of it. */
    static OctetSequenceKey generate() {
        try {
            OctetSequenceKey key = new OctetSequenceKeyGenerator(256).algorithm(JWSAlgorithm.HS256).generate();
            return new OctetSequenceKey.Builder(key).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the session cookie key", e);
        }
    }

    /** For tests: this node's key, without the database. */
    static SessionKeys of(OctetSequenceKey jwk) {
        SessionKeys keys = new SessionKeys();
        keys.key = Key.of(jwk);
        return keys;
    }
}
