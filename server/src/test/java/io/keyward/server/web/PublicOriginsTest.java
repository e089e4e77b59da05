package io.keyward.server.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PublicOriginsTest {

    static final PublicOrigins.Settings DEV = new PublicOrigins.Settings(Optional.of("http://localhost:8080"),
            Optional.of("https://localhost:8443"), List.of());
    static final PublicOrigins.Settings BEHIND_PROXY = new PublicOrigins.Settings(Optional.of("https://login.example.com"),
            Optional.empty(), List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"));
    static final PublicOrigins.Connection HTTP = new PublicOrigins.Connection("http", "127.0.0.1", 8080, "127.0.0.1");
    static final PublicOrigins.Connection HTTPS = new PublicOrigins.Connection("https", "127.0.0.1", 8443, "127.0.0.1");

    @Test
    void aRequestOverTlsGetsTheHttpsBaseUrlAndOneOverHttpTheBaseUrl() {
        assertThat(PublicOrigins.of(DEV, HTTPS, Map.<String, String>of()::get)).isEqualTo("https://localhost:8443");
        assertThat(PublicOrigins.of(DEV, HTTP, Map.<String, String>of()::get)).isEqualTo("http://localhost:8080");
    }

    @Test
    void withNothingConfiguredTheAcceptingAddressCountsNotTheHostHeader() {
        PublicOrigins.Settings none = new PublicOrigins.Settings(Optional.empty(), Optional.empty(), List.of());

        assertThat(PublicOrigins.of(none, new PublicOrigins.Connection("https", "::1", 8743, "::1"), Map.of("Host", "evil.example")::get))
                .isEqualTo("https://[::1]:8743");
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() {
        Map<String, String> forged = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example",
                "Forwarded", "proto=https;host=evil.example");

        assertThat(PublicOrigins.of(DEV, HTTP, forged::get)).as("nothing trusted").isEqualTo("http://localhost:8080");
        assertThat(PublicOrigins.of(BEHIND_PROXY, new PublicOrigins.Connection("http", "10.1.1.1", 8080, "198.51.100.9"), forged::get))
                .as("not a trusted proxy").isEqualTo("https://login.example.com");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "10.2.3.4    | X-Forwarded-Proto=https;X-Forwarded-Host=id.example.com                  | https://id.example.com",
            "10.2.3.4    | X-Forwarded-Proto=https;X-Forwarded-Host=id.example.com;X-Forwarded-Port=8443 | https://id.example.com:8443",
            "10.2.3.4    | X-Forwarded-Proto=https;X-Forwarded-Host=id.example.com;X-Forwarded-Port=443  | https://id.example.com",
            "192.0.2.7   | X-Forwarded-Proto=http;X-Forwarded-Host=evil.example, id.example.com       | http://id.example.com",
            "192.0.2.7   | Forwarded=for=1.2.3.4;host=evil.example, for=5.6.7.8;proto=https;host=\"id.example.com:444\" | https://id.example.com:444",
            "2001:db8::5 | Forwarded=proto=https;host=id.example.com                                 | https://id.example.com",
            "::ffff:10.0.0.1 | X-Forwarded-Host=id.example.com                                       | http://id.example.com",
            "10.2.3.4    | X-Forwarded-Proto=https                                                  | https://login.example.com",
            "10.2.3.4    | X-Forwarded-Proto=https;X-Forwarded-Host=evil.example/path               | https://login.example.com",
            "10.2.3.4    | X-Forwarded-Proto=javascript;X-Forwarded-Host=id.example.com             | http://id.example.com",
            "192.0.2.8   | X-Forwarded-Proto=https;X-Forwarded-Host=evil.example                    | https://login.example.com",
            "11.0.0.1    | X-Forwarded-Proto=https;X-Forwarded-Host=evil.example                    | https://login.example.com",
    })
    void aTrustedProxySaysWhichUrlTheClientUsed(String remote, String headers, String origin) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String header : headers.split(";(?=[A-Z])")) {
            int equals = header.indexOf('=');
            map.put(header.substring(0, equals), header.substring(equals + 1));
        }
        assertThat(PublicOrigins.of(BEHIND_PROXY, new PublicOrigins.Connection("http", "10.9.9.9", 8080, remote), map::get)).isEqualTo(origin);
    }

    @Test
    void aMalformedProxyEntryTrustsNobodyAndBreaksNothing() {
        assertThat(PublicOrigins.trusted(List.of("10.0.0.0/x", "10.0.0.0/33", "not-an-address", "::1/129"), "10.0.0.1")).isFalse();
        assertThat(PublicOrigins.trusted(List.of("10.0.0.0/x", "10.0.0.0/8"), "10.0.0.1")).isTrue();
        assertThat(PublicOrigins.trusted(List.of("10.0.0.0/8"), "11.0.0.1")).isFalse();
        assertThat(PublicOrigins.trusted(List.of("0.0.0.0/0"), "203.0.113.5")).as("an operator's explicit choice").isTrue();
    }

    @Test
    void aTrustedProxyThatSaysOnlyHttpsGetsTheHttpsBaseUrl() {
        PublicOrigins.Settings settings = new PublicOrigins.Settings(Optional.of("http://keyward.internal:8080"),
                Optional.of("https://keyward.example.com"), List.of("127.0.0.1"));

        assertThat(PublicOrigins.of(settings, HTTP, Map.of("X-Forwarded-Proto", "https")::get)).isEqualTo("https://keyward.example.com");
    }

    @Test
    void theClientAddressIsTheConnectionsUnlessATrustedProxySaysOtherwise() {
        Map<String, String> forged = Map.of("X-Forwarded-For", "203.0.113.5", "Forwarded", "for=203.0.113.6");
        PublicOrigins.Connection fromClient = new PublicOrigins.Connection("http", "10.1.1.1", 8080, "198.51.100.9");
        PublicOrigins.Connection fromProxy = new PublicOrigins.Connection("http", "10.1.1.1", 8080, "10.0.0.5");

        assertThat(PublicOrigins.clientAddress(BEHIND_PROXY, fromClient, forged::get)).as("not a trusted proxy").isEqualTo("198.51.100.9");
        assertThat(PublicOrigins.clientAddress(BEHIND_PROXY, fromProxy, Map.of("X-Forwarded-For", "203.0.113.5")::get)).isEqualTo("203.0.113.5");
        assertThat(PublicOrigins.clientAddress(BEHIND_PROXY, fromProxy, Map.<String, String>of()::get)).as("nothing said").isEqualTo("10.0.0.5");
    }

    @Test
    void theClientIsTheRightmostForwardedAddressThatIsNotATrustedProxy() {
        PublicOrigins.Connection fromProxy = new PublicOrigins.Connection("http", "10.1.1.1", 8080, "10.0.0.5");

        assertThat(PublicOrigins.clientAddress(BEHIND_PROXY, fromProxy,
                Map.of("X-Forwarded-For", "6.6.6.6, 203.0.113.5, 192.0.2.7")::get))
                .as("a client's own X-Forwarded-For entry (6.6.6.6) is skipped over, the hop before the trusted proxies counts")
                .isEqualTo("203.0.113.5");
        assertThat(PublicOrigins.clientAddress(BEHIND_PROXY, fromProxy,
                Map.of("Forwarded", "for=6.6.6.6, for=\"[2001:db9::7]:4711\";proto=https, for=\"192.0.2.7:1234\"")::get))
                .isEqualTo("2001:db9:0:0:0:0:0:7");
        assertThat(PublicOrigins.clientAddress(BEHIND_PROXY, fromProxy, Map.of("Forwarded", "for=unknown")::get))
                .as("an entry that is no address ends the walk at the proxy").isEqualTo("10.0.0.5");
    }
}
