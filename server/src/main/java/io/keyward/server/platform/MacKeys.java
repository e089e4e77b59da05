package io.keyward.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named HMAC-SHA-256 keys every node shares (stored in {@code keyward_setting}, created by whichever node needs one
 * first), for values Keyward hands out and must later recognise as its own, such as delta links.
 */
@ApplicationScoped
public class MacKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** This bean through its proxy, so that {@link #loadOrCreate} runs in its own transaction. */
    @Inject
    MacKeys self;

    private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

    /** HMAC-SHA-256 of {@code data} under the key named {@code name}. */
    public byte[] tag(String name, byte[] data) {
        SecretKeySpec key = keys.computeIfAbsent(name, n -> new SecretKeySpec(Base64.getDecoder().decode(self.loadOrCreate(n)), "HmacSHA256"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    /** The key all nodes share: a race between two nodes leaves exactly one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String loadOrCreate(String name) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        em.createNativeQuery("insert into keyward_setting (name, setting_value) values (?1, ?2) on conflict do nothing")
                .setParameter(1, name).setParameter(2, Base64.getEncoder().encodeToString(fresh)).executeUpdate();
        return (String) em.createNativeQuery("select setting_value from keyward_setting where name = ?1")
                .setParameter(1, name).getSingleResult();
    }
}
