package io.keyward.server.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** keyward.housekeeping.interval-seconds: 60 by default; zero or less is refused with the setting's name. */
class HousekeepingIntervalTest {

    private static final String SETTING = "keyward.housekeeping.interval-seconds";

    @AfterEach
    void clear() {
        System.clearProperty(SETTING);
    }

    @Test
    void aMinuteUnlessSet() {
        assertThat(new KeywardConfig().housekeepingInterval()).isEqualTo(Duration.ofMinutes(1));
        System.setProperty(SETTING, "2");
        assertThat(new KeywardConfig().housekeepingInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void zeroIsRefusedByName() {
        System.setProperty(SETTING, "0");
        assertThatThrownBy(() -> new KeywardConfig().housekeepingInterval())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SETTING);
    }
}
