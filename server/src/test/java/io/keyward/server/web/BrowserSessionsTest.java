package io.keyward.server.web;

import jakarta.ws.rs.core.NewCookie;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserSessionsTest {

    @Test
    void behindATlsProxyTheHttpsBaseUrlMakesTheCookieSecureThoughTheRequestCameOverHttp() {
        assertThat(BrowserSessions.https(Optional.of("https://login.example.com"), "http")).isTrue();
    }

    @Test
    void anHttpBaseUrlKeepsTheCookieForHttp() {
        assertThat(BrowserSessions.https(Optional.of("http://localhost:8080"), "http")).isFalse();
    }

    @Test
    void withoutABaseUrlTheRequestSchemeDecides() {
        assertThat(BrowserSessions.https(Optional.empty(), "https")).isTrue();
        assertThat(BrowserSessions.https(Optional.empty(), "http")).isFalse();
    }

    @Test
    void overHttpsTheCookieIsSecureWithTheHostPrefixForTheWholeSiteAndNoDomain() {
        NewCookie cookie = BrowserSessions.cookie("jwt", 60, true);

        assertThat(cookie.getName()).isEqualTo("__Host-keyward_session");
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getDomain()).isNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.LAX);
        assertThat(cookie.getMaxAge()).isEqualTo(60);
    }

    @Test
    void overHttpTheCookieHasThePlainNameAndIsNotSecure() {
        NewCookie cookie = BrowserSessions.cookie("jwt", 60, false);

        assertThat(cookie.getName()).isEqualTo("keyward_session");
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
    }

    @Test
    void theNameReadIsTheNameInUse() {
        assertThat(BrowserSessions.cookieName(true)).isEqualTo(BrowserSessions.cookie("x", 1, true).getName());
        assertThat(BrowserSessions.cookieName(false)).isEqualTo(BrowserSessions.cookie("x", 1, false).getName());
    }
}
