package io.keyward.hwtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRigTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "simulated", " Simulated "})
    void unsetBlankOrSimulatedMeansSimulatedKeysOnly(String value) {
        TestRig rig = TestRig.parse(value);

        assertThat(rig.keys()).containsExactly(new RigKey.Simulated());
        assertThat(rig.physicalKeys()).isEmpty();
        assertThat(rig.usesSimulatedKeys()).isTrue();
    }

    @Test
    void commaSeparatedDevicePathsAreTrimmedAndKeptInOrder() {
        TestRig rig = TestRig.parse("/dev/hidraw4, /dev/hidraw2 ,/dev/hidraw3");

        assertThat(rig.keys()).containsExactly(
                new RigKey.Physical("/dev/hidraw4"),
                new RigKey.Physical("/dev/hidraw2"),
                new RigKey.Physical("/dev/hidraw3"));
        assertThat(rig.usesSimulatedKeys()).isFalse();
    }

    @Test
    void simulatedAndPhysicalKeysCanBeCombined() {
        TestRig rig = TestRig.parse("simulated,/dev/hidraw0");

        assertThat(rig.keys()).containsExactly(new RigKey.Simulated(), new RigKey.Physical("/dev/hidraw0"));
        assertThat(rig.physicalKeys()).containsExactly(new RigKey.Physical("/dev/hidraw0"));
    }

    @Test
    void devicePathsOfOtherPlatformsAreKeptVerbatim() {
        TestRig rig = TestRig.parse("DevSrvsID:4294971497");

        assertThat(rig.physicalKeys()).extracting(RigKey.Physical::devicePath).containsExactly("DevSrvsID:4294971497");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/hidraw0,,/dev/hidraw1", "/dev/hidraw0,", ",simulated", " , "})
    void refusesAnEmptyEntry(String value) {
        assertThatThrownBy(() -> TestRig.parse(value))
                .isInstanceOf(InvalidRigConfigurationException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void refusesTheSameDeviceTwice() {
        assertThatThrownBy(() -> TestRig.parse("/dev/hidraw0,/dev/hidraw1, /dev/hidraw0"))
                .isInstanceOf(InvalidRigConfigurationException.class)
                .hasMessageContaining("'/dev/hidraw0' is listed twice");
    }

    @Test
    void refusesSimulatedTwice() {
        assertThatThrownBy(() -> TestRig.parse("simulated,SIMULATED"))
                .isInstanceOf(InvalidRigConfigurationException.class)
                .hasMessageContaining("listed twice");
    }

    @Test
    void refusesSpaceSeparatedDevicePaths() {
        assertThatThrownBy(() -> TestRig.parse("/dev/hidraw0 /dev/hidraw1"))
                .isInstanceOf(InvalidRigConfigurationException.class)
                .hasMessageContaining("entry '/dev/hidraw0 /dev/hidraw1' contains whitespace");
    }

    @Test
    void readsTheSystemPropertyThatMavenPasses() {
        assertThat(System.getProperty(TestRig.KEYS_PROPERTY)).as("set by the surefire configuration").isNotNull();
        assertThat(TestRig.fromSystemProperties().keys())
                .isEqualTo(TestRig.parse(System.getProperty(TestRig.KEYS_PROPERTY)).keys());
    }

    @Test
    void keysCannotBeChangedAfterParsing() {
        TestRig rig = TestRig.parse("/dev/hidraw0");

        assertThatThrownBy(() -> rig.keys().add(new RigKey.Simulated()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
