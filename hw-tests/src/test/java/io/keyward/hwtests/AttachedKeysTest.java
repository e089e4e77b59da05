package io.keyward.hwtests;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preconditions of a run on physical keys: every key named in {@code keyward.hw.keys} is attached and usable by
 * this user. Runs only with the {@code hardware} profile (hw-tests/README.md).
 */
@Tag("hardware")
class AttachedKeysTest {

    private final TestRig rig = TestRig.fromSystemProperties();

    @Test
    void hardwareRunNamesAtLeastOnePhysicalKey() {
        assertThat(rig.physicalKeys())
                .as("the hardware profile needs -D%s=<device path>[,<device path>...]; got %s",
                        TestRig.KEYS_PROPERTY, rig)
                .isNotEmpty();
    }

    @Test
    void everyNamedKeyIsAttachedAndReadableAndWritable() {
        assertThat(rig.physicalKeys()).allSatisfy(key -> {
            Path device = Path.of(key.devicePath());
            assertThat(device).as("key %s is not attached", key).exists();
            assertThat(Files.isReadable(device) && Files.isWritable(device))
                    .as("no read/write access to %s (udev rule for usage page 0xF1D0, or run as root)", key)
                    .isTrue();
        });
    }
}
