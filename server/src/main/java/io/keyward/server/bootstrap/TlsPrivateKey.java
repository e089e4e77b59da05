package io.keyward.server.bootstrap;

import io.keyward.server.platform.StartupFailure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Collections;
import java.util.logging.Logger;

/**
 * The private key of start-dev's HTTPS certificate as PEM ({@code keyward-tls.key}, PKCS #8, mode 600) beside the key
 * store keytool made, for whoever wants to serve the same certificate elsewhere (a proxy, another tool). Written once.
 */
final class TlsPrivateKey {

    private static final Logger LOG = Logger.getLogger(TlsPrivateKey.class.getName());
    static final String FILE_NAME = "keyward-tls.key";

    private TlsPrivateKey() {
    }

    /** Writes the key of {@code keystore}'s one key entry to {@code FILE_NAME} in its directory, unless the file exists. */
    static Path exportBeside(Path keystore, String type, char[] password) {
        Path pem = keystore.resolveSibling(FILE_NAME);
        if (Files.exists(pem)) {
            return pem;
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.getKey(alias, password);
                if (key instanceof PrivateKey privateKey) {
                    write(pem, "-----BEGIN PRIVATE KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(privateKey.getEncoded())
                            + "\n-----END PRIVATE KEY-----\n");
                    LOG.info(() -> "Wrote the HTTPS certificate's private key to " + pem.toAbsolutePath() + " (readable only by this account)");
                    return pem;
                }
            }
            throw new StartupFailure("The HTTPS key store " + keystore.toAbsolutePath() + " holds no private key.");
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupFailure("Cannot read the HTTPS key store " + keystore.toAbsolutePath() + ": " + e.getMessage()
                    + ". Check keyward.tls.keystore and keyward.tls.keystore-password.", e);
        }
    }

    private static void write(Path pem, String text) throws IOException {
        Path temp = Files.createTempFile(pem.getParent(), "tls", ".key");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the data directory's own permissions protect the file.
        }
        Files.writeString(temp, text);
        Files.move(temp, pem, StandardCopyOption.ATOMIC_MOVE);
    }
}
