package io.keyward.station.simulator;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

/**
 * The authenticator side of PIN/UV auth protocols one and two (CTAP 2.1 §6.5.6, §6.5.7): the shared secret from
 * ECDH with the platform's key, encryption of PIN hashes and tokens, and verification of pinUvAuthParam.
 * Written from the spec, independently of the client library the station uses, so each checks the other.
 */
abstract sealed class PinProtocol permits PinProtocol.One, PinProtocol.Two {

    static final PinProtocol ONE = new One();
    static final PinProtocol TWO = new Two();

    abstract int version();

    /** KDF(Z) of the protocol, from ECDH of the authenticator's key agreement key and the platform's key. */
    byte[] sharedSecret(KeyPair authenticatorKey, Map<?, ?> platformCoseKey) throws CtapError {
        try {
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(authenticatorKey.getPrivate());
            ecdh.doPhase(CoseKeys.decode(platformCoseKey), true);
            return kdf(ecdh.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new CtapError(CtapStatus.INVALID_PARAMETER, "key agreement failed: " + e.getMessage());
        }
    }

    abstract byte[] kdf(byte[] z);

    abstract byte[] encrypt(byte[] key, byte[] plaintext);

    abstract byte[] decrypt(byte[] key, byte[] ciphertext) throws CtapError;

    abstract byte[] authenticate(byte[] key, byte[] message);

    /** verify(key, message, signature) of §6.5.6/§6.5.7: a constant-time comparison with authenticate. */
    boolean verify(byte[] key, byte[] message, byte[] signature) {
        return MessageDigest.isEqual(authenticate(key, message), signature);
    }

    static PinProtocol of(Object version, KeyModel model) throws CtapError {
        if (!(version instanceof Integer number)) {
            throw new CtapError(CtapStatus.MISSING_PARAMETER, "pinUvAuthProtocol missing");
        }
        if (!model.pinUvAuthProtocols().contains(number)) {
            throw new CtapError(CtapStatus.INVALID_PARAMETER, "PIN/UV auth protocol " + number + " not supported");
        }
        return number == 2 ? TWO : ONE;
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] aesCbc(int mode, byte[] key, byte[] iv, byte[] data) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }

    /** Protocol one (§6.5.6): SHA-256(Z), AES-256-CBC with a zero IV, HMAC-SHA-256 truncated to 16 bytes. */
    static final class One extends PinProtocol {

        @Override
        int version() {
            return 1;
        }

        @Override
        byte[] kdf(byte[] z) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(z);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        byte[] encrypt(byte[] key, byte[] plaintext) {
            try {
                return aesCbc(Cipher.ENCRYPT_MODE, key, new byte[16], plaintext);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        byte[] decrypt(byte[] key, byte[] ciphertext) throws CtapError {
            if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
                throw new CtapError(CtapStatus.INVALID_PARAMETER, "ciphertext is not whole AES blocks");
            }
            try {
                return aesCbc(Cipher.DECRYPT_MODE, key, new byte[16], ciphertext);
            } catch (GeneralSecurityException e) {
                throw new CtapError(CtapStatus.INVALID_PARAMETER, "cannot decrypt");
            }
        }

        @Override
        byte[] authenticate(byte[] key, byte[] message) {
            return Arrays.copyOf(hmacSha256(key, message), 16);
        }
    }

    /**
     * Protocol two (§6.5.7): HKDF-SHA-256 into an HMAC key and an AES key, AES-256-CBC with a random IV sent in
     * front of the ciphertext, full 32-byte HMAC-SHA-256.
     */
    static final class Two extends PinProtocol {

        private static final byte[] SALT = new byte[32];
        private final SecureRandom random = new SecureRandom();

        @Override
        int version() {
            return 2;
        }

        @Override
        byte[] kdf(byte[] z) {
            byte[] secret = new byte[64];
            System.arraycopy(hkdf(z, "CTAP2 HMAC key"), 0, secret, 0, 32);
            System.arraycopy(hkdf(z, "CTAP2 AES key"), 0, secret, 32, 32);
            return secret;
        }

        private static byte[] hkdf(byte[] z, String info) {
            HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
            generator.init(new HKDFParameters(z, SALT, info.getBytes(StandardCharsets.US_ASCII)));
            byte[] out = new byte[32];
            generator.generateBytes(out, 0, out.length);
            return out;
        }

        @Override
        byte[] encrypt(byte[] key, byte[] plaintext) {
            byte[] iv = new byte[16];
            random.nextBytes(iv);
            try {
                byte[] ciphertext = aesCbc(Cipher.ENCRYPT_MODE, aesKey(key), iv, plaintext);
                byte[] out = Arrays.copyOf(iv, 16 + ciphertext.length);
                System.arraycopy(ciphertext, 0, out, 16, ciphertext.length);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        byte[] decrypt(byte[] key, byte[] ciphertext) throws CtapError {
            if (ciphertext.length < 32 || ciphertext.length % 16 != 0) {
                throw new CtapError(CtapStatus.INVALID_PARAMETER, "ciphertext is not an IV and whole AES blocks");
            }
            try {
                return aesCbc(Cipher.DECRYPT_MODE, aesKey(key), Arrays.copyOf(ciphertext, 16),
                        Arrays.copyOfRange(ciphertext, 16, ciphertext.length));
            } catch (GeneralSecurityException e) {
                throw new CtapError(CtapStatus.INVALID_PARAMETER, "cannot decrypt");
            }
        }

        @Override
        byte[] authenticate(byte[] key, byte[] message) {
            // A shared secret is HMAC key || AES key; a pinUvAuthToken (32 bytes) is used whole (§6.5.7).
            return hmacSha256(key.length == 64 ? Arrays.copyOf(key, 32) : key, message);
        }

        private static byte[] aesKey(byte[] sharedSecret) {
            return Arrays.copyOfRange(sharedSecret, 32, 64);
        }
    }
}
