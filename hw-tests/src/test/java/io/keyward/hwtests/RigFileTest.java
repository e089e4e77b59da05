package io.keyward.hwtests;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RigFileTest {

    private static RigFile parse(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return RigFile.parse(properties, "rig.properties");
    }

    @Test
    void readsEachKeyWithItsPinAndWhetherDestructiveTestsMayRun() throws Exception {
        RigFile rig = parse("""
                key.1.aaguid=cb69481e-8ff7-4039-93ec-0a2729a154a8
                key.1.pin=482913
                key.2.aaguid=ee882879-721c-4913-9775-3dfcce97072a
                key.2.serial=23456789
                key.2.destructive=true
                """);

        assertThat(rig.keys()).containsExactly(
                new PhysicalKeySpec("1", UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8"), Optional.empty(), Optional.of("482913"), false),
                new PhysicalKeySpec("2", UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a"), Optional.of("23456789"), Optional.empty(), true));
    }

    @Test
    void refusesAnUnknownEntryNamingIt() {
        assertThatThrownBy(() -> parse("key.1.aaguid=cb69481e-8ff7-4039-93ec-0a2729a154a8\nkey.1.pn=1234\n"))
                .isInstanceOf(InvalidRigConfigurationException.class).hasMessageContaining("unknown entry 'key.1.pn'");
    }

    @Test
    void refusesAKeyWithoutAValidAaguid() {
        assertThatThrownBy(() -> parse("key.1.aaguid=yubikey\n"))
                .isInstanceOf(InvalidRigConfigurationException.class).hasMessageContaining("key.1.aaguid 'yubikey' is not an AAGUID");
        assertThatThrownBy(() -> parse("key.1.pin=1234\n"))
                .isInstanceOf(InvalidRigConfigurationException.class).hasMessageContaining("key.1.aaguid '' is not an AAGUID");
    }

    @Test
    void refusesAFileThatNamesNoKey() {
        assertThatThrownBy(() -> parse("# nothing\n"))
                .isInstanceOf(InvalidRigConfigurationException.class).hasMessageContaining("names no key");
    }

    @Test
    void refusesADestructiveFlagThatIsNotABoolean() {
        assertThatThrownBy(() -> parse("key.1.aaguid=cb69481e-8ff7-4039-93ec-0a2729a154a8\nkey.1.destructive=yes\n"))
                .isInstanceOf(InvalidRigConfigurationException.class).hasMessageContaining("destructive must be true or false");
    }
}
