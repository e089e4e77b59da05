package io.keyward.server.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void aNewDataDirectoryIsPrivateToItsOwner() throws Exception {
        Path data = parent.resolve("data");

        DataDirectory.prepare(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }

    @Test
    void aWorldReadableDataDirectoryLeftByAnEarlierVersionIsTightened() throws Exception {
        Path data = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        DataDirectory.prepare(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }
}
