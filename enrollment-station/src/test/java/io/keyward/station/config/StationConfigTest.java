package io.keyward.station.config;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StationConfigTest {

    private static Properties properties(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static final String BASE = """
            keyward.url=https://keyward.example.com
            tenant=contoso.example.com
            client.id=2f7c
            client.secret=s3cret
            operator=Olga Operator
            """;

    @Test
    void readsConnectionOperatorAndProfiles() throws Exception {
        StationConfig config = StationConfig.parse(properties(BASE + """
                profile.newhires.pinMode=employee
                profile.newhires.minPinLength=8
                profile.newhires.forcePinChange=true
                """), "station.properties");

        assertThat(config.graphBase().toString()).isEqualTo("https://keyward.example.com/graph/");
        assertThat(config.operator()).isEqualTo("Olga Operator");
        assertThat(config.profile("default")).contains(EnrollmentProfile.DEFAULT);
        assertThat(config.profile("newhires")).hasValueSatisfying(profile -> {
            assertThat(profile.pinMode()).isEqualTo(PinMode.EMPLOYEE);
            assertThat(profile.minPinLength()).isEqualTo(8);
            assertThat(profile.forcePinChange()).isTrue();
        });
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void namesAMissingKey() {
        assertThatThrownBy(() -> StationConfig.parse(properties(BASE.replace("client.secret=s3cret\n", "")), "station.properties"))
                .isInstanceOf(InvalidStationConfigException.class)
                .hasMessage("station.properties: client.secret is missing");
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> StationConfig.parse(properties(BASE.replace("https://keyward.example.com", "keyward")), "f"))
                .isInstanceOf(InvalidStationConfigException.class)
                .hasMessageContaining("keyward.url must be an http(s) URL");
    }

    @Test
    void refusesABadProfileValueNamingTheProfile() {
        assertThatThrownBy(() -> StationConfig.parse(properties(BASE + "profile.x.pinMode=sometimes\n"), "f"))
                .isInstanceOf(InvalidStationConfigException.class)
                .hasMessageContaining("profile x");
        assertThatThrownBy(() -> StationConfig.parse(properties(BASE + "profile.x.forcePinChange=yes\n"), "f"))
                .isInstanceOf(InvalidStationConfigException.class)
                .hasMessageContaining("forcePinChange must be true or false");
    }

    @Test
    void refusesARandomPinShorterThanTheMinimum() {
        assertThatThrownBy(() -> StationConfig.parse(properties(BASE + "profile.x.pinLength=6\nprofile.x.minPinLength=8\n"), "f"))
                .isInstanceOf(InvalidStationConfigException.class)
                .hasMessageContaining("pinLength is shorter than minPinLength");
    }
}
