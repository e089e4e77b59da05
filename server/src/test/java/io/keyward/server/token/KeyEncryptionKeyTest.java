package io.keyward.server.token;

import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.StartupFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionKeyTest {

    private static final String SECRET = "{\"kty\":\"RSA\",\"kid\":\"k1\",\"d\":\"private\"}";

    @TempDir
    Path directory;

    @AfterEach
    void clearSettings() {
        System.clearProperty("keyward.mode");
        System.clearProperty("keyward.data.dir");
        System.clearProperty("keyward.keys.encryption-key-file");
    }

    @Test
    void aSealedKeyHidesTheSecretAndOpensWithTheSameKey() throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.generate(directory.resolve("kek"));

        String sealed = kek.seal(SECRET);

        assertThat(sealed).doesNotContain("private").startsWith("ey").matches("[^.]+\\.\\.[^.]+\\.[^.]+\\.[^.]+");
        assertThat(kek.open(sealed)).isEqualTo(SECRET);
        assertThat(KeyEncryptionKey.load(directory.resolve("kek")).open(sealed)).as("the same key read back from its file").isEqualTo(SECRET);
    }

    @Test
    void anotherKeyEncryptionKeyCannotOpenAndSaysSo() {
        String sealed = KeyEncryptionKey.generate(directory.resolve("first")).seal(SECRET);
        KeyEncryptionKey other = KeyEncryptionKey.generate(directory.resolve("second"));

        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(KeyEncryptionKey.CannotOpen.class)
                .hasMessageContaining("sealed with another key-encryption key").hasMessageContaining("second");
    }

    @Test
    void anAlteredSealedKeyDoesNotOpen() {
        KeyEncryptionKey kek = KeyEncryptionKey.generate(directory.resolve("kek"));
        String[] parts = kek.seal(SECRET).split("\\.");
        char flipped = parts[3].charAt(0) == 'A' ? 'B' : 'A';
        String altered = String.join(".", parts[0], parts[1], parts[2], flipped + parts[3].substring(1), parts[4]);

        assertThatThrownBy(() -> kek.open(altered)).isInstanceOf(KeyEncryptionKey.CannotOpen.class)
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void aGeneratedKeyFileIsReadableOnlyByItsOwner() throws Exception {
        Path file = directory.resolve("sub").resolve("kek");

        KeyEncryptionKey.generate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefusedWithAClearMessage() throws Exception {
        Path file = Files.writeString(directory.resolve("short"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> KeyEncryptionKey.load(file)).isInstanceOf(StartupFailure.class)
                .hasMessageContaining("must hold 32 random bytes in base64").hasMessageContaining("16 bytes");
    }

    @Test
    void aMissingConfiguredKeyFileIsRefused() {
        System.setProperty("keyward.keys.encryption-key-file", directory.resolve("absent").toString());

        assertThatThrownBy(() -> KeyEncryptionKey.from(new KeywardConfig())).isInstanceOf(StartupFailure.class)
                .hasMessageContaining("does not exist").hasMessageContaining("KEYWARD_KEYS_ENCRYPTION_KEY_FILE");
    }

    @Test
    void productionRefusesToStartWithoutAConfiguredKey() {
        System.setProperty("keyward.mode", "prod");
        System.setProperty("keyward.data.dir", directory.toString());

        assertThatThrownBy(() -> KeyEncryptionKey.from(new KeywardConfig())).isInstanceOf(StartupFailure.class)
                .hasMessageContaining("Production mode needs a key-encryption key");
        assertThat(directory.resolve(KeyEncryptionKey.DEV_FILE_NAME)).doesNotExist();
    }

    @Test
    void devModeGeneratesItsKeyInTheDataDirectoryOnceAndKeepsIt() throws Exception {
        System.setProperty("keyward.mode", "dev");
        System.setProperty("keyward.data.dir", directory.toString());
        String sealed = KeyEncryptionKey.from(new KeywardConfig()).seal(SECRET);

        KeyEncryptionKey again = KeyEncryptionKey.from(new KeywardConfig());

        assertThat(directory.resolve(KeyEncryptionKey.DEV_FILE_NAME)).exists();
        assertThat(again.open(sealed)).isEqualTo(SECRET);
    }
}
