package io.keyward.server.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
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
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The session cookie is an HS256 JWT under this deployment's session key, read back only when it is exactly that and
 * unexpired; adding a passkey needs a recent strong sign-in (passkey or Temporary Access Pass).
 */
class WebSessionsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final WebSessions sessions = new WebSessions();

    @BeforeEach
    void arrange() {
        sessions.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        sessions.config = new KeywardConfig();
        sessions.keys = SessionKeys.of(SessionKeys.generate());
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

    @Test
    void anOpenedSessionIsReadBackFromItsHs256Cookie() throws Exception {
        UUID user = UUID.randomUUID();
        String cookie = sessions.open(user, "passkey");

        assertThat(SignedJWT.parse(cookie).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(sessions.read(cookie)).hasValueSatisfying(s -> {
            assertThat(s.userId()).isEqualTo(user);
            assertThat(s.method()).isEqualTo("passkey");
            assertThat(s.authenticatedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aCookieSignedWithAnotherDeploymentsKeyIsRefused() {
        WebSessions elsewhere = new WebSessions();
        elsewhere.clock = sessions.clock;
        elsewhere.keys = SessionKeys.of(SessionKeys.generate());

        assertThat(sessions.read(elsewhere.open(UUID.randomUUID(), "passkey"))).isEmpty();
    }

    @Test
    void aCookieNamingAnotherUserThanItWasSignedForIsRefused() {
        String[] parts = sessions.open(UUID.randomUUID(), "passkey").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        assertThat(forged).isNotEqualTo(payload);

        assertThat(sessions.read(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2]))
                .isEmpty();
    }

    @Test
    void anExpiredCookieIsRefused() {
        String cookie = sessions.open(UUID.randomUUID(), "passkey");
        sessions.clock = Clock.fixed(NOW.plus(WebSessions.LIFETIME).plusSeconds(1), ZoneOffset.UTC);

        assertThat(sessions.read(cookie)).isEmpty();
    }

    @Test
    void anRs256TokenWithTheSessionsClaimsIsRefused() throws Exception {
        // What a session cookie was before, or an access token with the session's audience: signed, but not with the session key.
        var rsa = new RSAKeyGenerator(2048).keyID(sessions.keys.key().id()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).type(JOSEObjectType.JWT).build(), claims());
        jwt.sign(new RSASSASigner(rsa));

        assertThat(sessions.read(jwt.serialize())).isEmpty();
    }

    @Test
    void anUnsignedCookieIsRefused() {
        assertThat(sessions.read(new PlainJWT(new PlainHeader(), claims()).serialize())).isEmpty();
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().audience(WebSessions.AUDIENCE).subject(UUID.randomUUID().toString()).claim("amr", "passkey")
                .claim(WebSessions.AUTHENTICATED_AT, NOW.toEpochMilli()).claim(WebSessions.ISSUED_AT, NOW.toEpochMilli())
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plus(WebSessions.LIFETIME))).build();
    }

    private static WebSession session(String method, Duration age) {
        return new WebSession(UUID.randomUUID(), method, NOW.minus(age), NOW.minus(age), NOW.plus(Duration.ofHours(8)));
    }
}
