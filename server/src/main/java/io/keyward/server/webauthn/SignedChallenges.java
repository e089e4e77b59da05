package io.keyward.server.webauthn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in challenges that need no database row until they are used: the challenge carries its own expiry and the
 * account a typed name was bound to, authenticated by an HMAC-SHA-256 tag under a key every node shares. Anyone may
 * ask for sign-in options, so storing a row per request would let one client fill the database; with these, a row is
 * written only when an assertion uses the challenge up (see {@link ChallengeStore#consume}).
 *
 * <p>Layout (57 bytes, base64url): version 1 · 16 random bytes · expiry (epoch seconds, 8 bytes) · bound account
 * (16 bytes, zero for none) · the first 16 bytes of HMAC-SHA-256 over everything before it. The random part gives
 * every challenge the 16 bytes of entropy WebAuthn L3 §13.4.3 asks for.
 */
@ApplicationScoped
public class SignedChallenges {

    static final int LENGTH = 57;
    private static final byte VERSION = 1;
    private static final String KEY_SETTING = "webauthn.challenge-mac-key";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** This bean through its proxy, so that {@link #loadOrCreateKey} runs in its own transaction. */
    @jakarta.inject.Inject
    SignedChallenges self;

    private volatile SecretKeySpec key;

    /** A new challenge, valid until {@code expiresAt}, bound to {@code boundTo} when present. */
    public String issue(Instant expiresAt, Optional<UUID> boundTo) {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        UUID account = boundTo.orElse(new UUID(0, 0));
        buffer.put(VERSION).put(random).putLong(expiresAt.getEpochSecond())
                .putLong(account.getMostSignificantBits()).putLong(account.getLeastSignificantBits());
        buffer.put(tag(Arrays.copyOf(buffer.array(), LENGTH - 16)));
        return B64URL.encodeToString(buffer.array());
    }

    /** What a challenge this node or another issued says, if its tag is right; empty for anything else. */
    public Optional<Claims> read(byte[] challenge) {
        if (challenge.length != LENGTH || challenge[0] != VERSION) {
            return Optional.empty();
        }
        byte[] expected = tag(Arrays.copyOf(challenge, LENGTH - 16));
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(challenge, LENGTH - 16, LENGTH))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(challenge, 17, LENGTH - 17 - 16);
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        UUID account = new UUID(buffer.getLong(), buffer.getLong());
        return Optional.of(new Claims(expiresAt, account.equals(new UUID(0, 0)) ? Optional.empty() : Optional.of(account)));
    }

    /** The expiry and bound account a signed challenge carries. */
    public record Claims(Instant expiresAt, Optional<UUID> boundTo) {
    }

    private byte[] tag(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return Arrays.copyOf(mac.doFinal(data), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            current = new SecretKeySpec(Base64.getDecoder().decode(self.loadOrCreateKey()), "HmacSHA256");
            key = current;
        }
        return current;
    }

    /** The key all nodes share: created once by whichever node needs it first (a race leaves exactly one). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String loadOrCreateKey() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        em.createNativeQuery("insert into keyward_setting (name, setting_value) values (?1, ?2) on conflict do nothing")
                .setParameter(1, KEY_SETTING).setParameter(2, Base64.getEncoder().encodeToString(fresh)).executeUpdate();
        return (String) em.createNativeQuery("select setting_value from keyward_setting where name = ?1")
                .setParameter(1, KEY_SETTING).getSingleResult();
    }
}
