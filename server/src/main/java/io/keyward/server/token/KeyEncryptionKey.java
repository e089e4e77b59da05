package io.keyward.server.token;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.StartupFailure;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The key-encryption key that seals the token signing keys in the database, kept outside it: a file holding 32
 * random bytes in base64 ({@code keyward.keys.encryption-key-file}). A sealed key is a compact JWE (RFC 7516) with
 * {@code dir} and {@code A256GCM}, whose {@code kid} names the key-encryption key by a digest, so that a wrong key is
 * told apart from a damaged row. Someone who reads the database, a dump or a backup learns no private key.
 */
public final class KeyEncryptionKey {

    static final String DEV_FILE_NAME = "key-encryption-key";
    private static final int KEY_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(KeyEncryptionKey.class.getName());

    private final SecretKey key;
    private final String id;
    private final Path source;

    private KeyEncryptionKey(byte[] key, Path source) {
        this.key = new SecretKeySpec(key, "AES");
        this.id = idOf(key);
        this.source = source;
    }

    /**
     * The configured key; in dev mode without one, the data directory's (generated on first start). Production
     * refuses to start without a configured key rather than keep signing keys next to what unlocks them.
     */
    static KeyEncryptionKey from(KeywardConfig config) {
        var configured = config.keyEncryptionKeyFile();
        if (configured.isPresent()) {
            return load(configured.get());
        }
        if (config.mode() == KeywardConfig.Mode.PROD) {
            throw new StartupFailure("Production mode needs a key-encryption key for the token signing keys: set "
                    + "KEYWARD_KEYS_ENCRYPTION_KEY_FILE (keyward.keys.encryption-key-file) to a file that holds 32 random bytes "
                    + "in base64, readable only by Keyward (for example: openssl rand -base64 32 > key-encryption-key; "
                    + "chmod 600 key-encryption-key). Keep it outside the database and its backups.");
        }
        Path file = config.dataDirectory().resolve(DEV_FILE_NAME);
        return Files.exists(file) ? load(file) : generate(file);
    }

    /** Reads a key file: 32 bytes in base64, surrounding white space ignored. */
    static KeyEncryptionKey load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StartupFailure("The key-encryption key file " + file.toAbsolutePath() + " does not exist. "
                    + "Check KEYWARD_KEYS_ENCRYPTION_KEY_FILE (keyward.keys.encryption-key-file).");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new StartupFailure("Cannot read the key-encryption key file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StartupFailure("The key-encryption key file " + file.toAbsolutePath()
                    + " must hold 32 random bytes in base64 (openssl rand -base64 32); it is not base64.", e);
        }
        if (key.length != KEY_BYTES) {
            throw new StartupFailure("The key-encryption key file " + file.toAbsolutePath()
                    + " must hold 32 random bytes in base64 (openssl rand -base64 32); it holds " + key.length + " bytes.");
        }
        warnIfOthersCanRead(file);
        return new KeyEncryptionKey(key, file);
    }

    /** Creates a new random key in {@code file}, readable only by this account (0600). */
    static KeyEncryptionKey generate(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), DEV_FILE_NAME, ".new");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // The data directory's own permissions protect the file.
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StartupFailure("Cannot create the key-encryption key file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        LOG.info(() -> "Generated the key-encryption key of the token signing keys in " + file.toAbsolutePath());
        return new KeyEncryptionKey(key, file);
    }

    /** Seals a secret (a private JWK) as a compact JWE. */
    String seal(String secret) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(id).build(),
                    new Payload(secret));
            jwe.encrypt(new DirectEncrypter(key));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot seal a signing key with AES-256-GCM", e);
        }
    }

    /**
     * Opens what {@link #seal} sealed.
     *
     * @throws CannotOpen naming the cause: another key-encryption key, or a damaged value
     */
    String open(String sealed) throws CannotOpen {
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(sealed);
        } catch (ParseException e) {
            throw new CannotOpen("it is not a sealed key (compact JWE)");
        }
        if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm()) || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            throw new CannotOpen("it is not sealed with dir/A256GCM");
        }
        if (!id.equals(jwe.getHeader().getKeyID())) {
            throw new CannotOpen("it was sealed with another key-encryption key (id " + jwe.getHeader().getKeyID()
                    + "), not with the one in " + source.toAbsolutePath() + " (id " + id + ")");
        }
        try {
            jwe.decrypt(new DirectDecrypter(key));
        } catch (JOSEException e) {
            throw new CannotOpen("it does not decrypt with the key-encryption key in " + source.toAbsolutePath() + " (damaged or altered)");
        }
        return jwe.getPayload().toString();
    }

    /** The key's short public name: a truncated SHA-256 digest, which reveals nothing about the key. */
    String id() {
        return id;
    }

    Path source() {
        return source;
    }

    private static String idOf(byte[] key) {
        try {
            return Base64URL.encode(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), 12)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warning(() -> "The key-encryption key file " + file.toAbsolutePath() + " is readable by others ("
                        + PosixFilePermissions.toString(permissions) + "); make it readable only by Keyward (chmod 600).");
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not a POSIX file system, or the permissions cannot be read: nothing to warn about.
        }
    }

    /** A sealed key that this key-encryption key cannot open; the message says why. */
    static final class CannotOpen extends Exception {
        CannotOpen(String reason) {
            super(reason);
        }
    }
}
