package io.keyward.server.token;

import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adding a passkey needs a recent strong sign-in (passkey or Temporary Access Pass). */
class WebSessionsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final WebSessions sessions = new WebSessions();

    @BeforeEach
    void arrange() {
        sessions.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        sessions.config = new KeywardConfig();
    }

    @AfterEach
    void clearSettings() {
        System.clearProperty("keyward.signin.strong-auth-max-age");
    }

    @Test
    void aPasswordSessionIsRefusedHoweverFresh() {
        assertThatThrownBy(() -> sessions.requireRecentStrongSignIn(session("password", Duration.ZERO)))
                .isInstanceOfSatisfying(Refused.class, r -> org.assertj.core.api.Assertions.assertThat(r.reason())
                        .isEqualTo(ReasonCode.STRONG_SIGN_IN_REQUIRED))
                .hasMessageContaining("password").hasMessageContaining("sign in again with a passkey or a Temporary Access Pass");
    }

    @Test
    void aTemporaryAccessPassSessionOlderThanTenMinutesIsRefused() {
        assertThatThrownBy(() -> sessions.requireRecentStrongSignIn(session("temporaryAccessPass", Duration.ofMinutes(11))))
                .isInstanceOfSatisfying(Refused.class, r -> org.assertj.core.api.Assertions.assertThat(r.reason())
                        .isEqualTo(ReasonCode.STRONG_SIGN_IN_REQUIRED))
                .hasMessageContaining("more than 10 minutes ago");
    }

    @Test
    void recentPasskeyAndTemporaryAccessPassSessionsMayAddAPasskey() {
        assertThatCode(() -> sessions.requireRecentStrongSignIn(session("passkey", Duration.ofMinutes(9)))).doesNotThrowAnyException();
        assertThatCode(() -> sessions.requireRecentStrongSignIn(session("temporaryAccessPass", Duration.ofMinutes(10))))
                .doesNotThrowAnyException();
    }

    @Test
    void theMaximumAgeIsConfigurable() {
        System.setProperty("keyward.signin.strong-auth-max-age", "PT2M");

        assertThatThrownBy(() -> sessions.requireRecentStrongSignIn(session("passkey", Duration.ofMinutes(3))))
                .hasMessageContaining("more than 2 minutes ago");
    }

    private static WebSession session(String method, Duration age) {
        return new WebSession(UUID.randomUUID(), method, NOW.minus(age), NOW.minus(age), NOW.plus(Duration.ofHours(8)));
    }
}
