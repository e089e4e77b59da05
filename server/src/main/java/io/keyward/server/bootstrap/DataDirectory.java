package io.keyward.server.bootstrap;

import io.keyward.server.platform.StartupFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keyward's data directory (bootstrap.json, the dev key-encryption key, the dev H2 database) is private to the account
 * Keyward runs as: created 0700, and tightened to 0700 when an earlier version left it open to others.
 */
final class DataDirectory {

    private static final Logger LOG = Logger.getLogger(DataDirectory.class.getName());
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    private static void create(Path directory) throws IOException {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }

    static void prepare(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                create(directory);
                return;
            }
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
            if (!current.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
                LOG.info(() -> "Made the data directory " + directory.toAbsolutePath() + " private to this account (was "
                        + PosixFilePermissions.toString(current) + ", now rwx------)");
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: the operator protects the directory.
        } catch (IOException e) {
            throw new StartupFailure("Cannot prepare the data directory " + directory.toAbsolutePath() + ": " + e.getMessage()
                    + ". Check keyward.data.dir (KEYWARD_DATA_DIR) and its owner.", e);
        }
    }
}
