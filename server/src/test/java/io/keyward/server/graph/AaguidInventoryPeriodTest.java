package io.keyward.server.graph;

import io.keyward.server.platform.Refused;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AaguidInventoryPeriodTest {

    @ParameterizedTest
    @CsvSource({"30d, PT720H", "12h, PT12H", "P7D, PT168H", "'', PT720H", "90D, PT2160H"})
    void sinceTakesDaysHoursOrAnIsoDuration(String since, String expected) {
        assertThat(AaguidInventoryResource.period(since)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "yesterday", "-P1D", "PT0S", "99999d"})
    void anythingElseIsRefusedAsAnInvalidRequest(String since) {
        assertThatThrownBy(() -> AaguidInventoryResource.period(since)).isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).reason().code()).isEqualTo("invalidRequest"));
    }
}
