package io.keyward.server.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.keyward.server.directory.Tenant;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which algorithm signs which token, and what the node's memory of verified tokens must never skip: a token that
 * was good when first verified is checked again for its lifetime, audience, tenant and issuer at every use.
 */
class AccessTokensTest {

    private static final URI ROOT = URI.create("http://localhost:8080/");
    private static final Tenant TENANT = new Tenant(UUID.randomUUID(), "Contoso", "contoso.keyward.local", Instant.EPOCH);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T09:00:00Z"));
    private final AccessTokens tokens = new AccessTokens();
    private final Map<String, JWK> published = new java.util.concurrent.ConcurrentHashMap<>();
    private ECKey ec;
    private RSAKey rsa;

    @BeforeEach
    void arrange() throws Exception {
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").algorithm(JWSAlgorithm.ES256).generate();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").algorithm(JWSAlgorithm.RS256).generate();
        Map<JWSAlgorithm, SigningKeys.ActiveKey> active = Map.of(
                JWSAlgorithm.ES256, new SigningKeys.ActiveKey(ec.getKeyID(), JWSAlgorithm.ES256, new ECDSASigner(ec), Instant.now()),
                JWSAlgorithm.RS256, new SigningKeys.ActiveKey(rsa.getKeyID(), JWSAlgorithm.RS256, new RSASSASigner(rsa), Instant.now()));
        published.put(ec.getKeyID(), ec.toPublicJWK());
        published.put(rsa.getKeyID(), rsa.toPublicJWK());
        tokens.keys = new SigningKeys() {
            @Override
            public ActiveKey signingKey(JWSAlgorithm algorithm) {
                return active.get(algorithm);
            }

            @Override
            public Optional<JWK> verificationKey(String kid) {
                return Optional.ofNullable(published.get(kid));
            }
        };
        tokens.config = new KeywardConfig();
        tokens.tenants = new TenantService() {
            @Override
            public Tenant current() {
                return TENANT;
            }
        };
        tokens.clock = clock;
    }

    @Test
    void accessTokensAreEs256AndIdTokensRs256() throws Exception {
        SignedJWT access = SignedJWT.parse(appToken());

        assertThat(access.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(access.getHeader().getKeyID()).isEqualTo("ec-1");
        assertThat(AccessTokens.ID_TOKEN_ALGORITHM).isEqualTo(JWSAlgorithm.RS256);
        assertThat(tokens.validate(access.serialize(), ROOT).roles()).containsExactly("User.Read.All");
    }

    @Test
    void aTokenVerifiedOnceStillExpires() throws Exception {
        String token = appToken();
        assertThat(tokens.validate(token, ROOT)).isNotNull();

        clock.advance(Duration.ofHours(1).plusMinutes(3));

        assertThatThrownBy(() -> tokens.validate(token, ROOT)).isInstanceOf(InvalidToken.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenVerifiedOnceIsStillCheckedForItsIssuerAtEveryUse() throws Exception {
        String token = appToken();
        assertThat(tokens.validate(token, ROOT)).isNotNull();

        assertThatThrownBy(() -> tokens.validate(token, URI.create("https://elsewhere.example/")))
                .isInstanceOfSatisfying(InvalidToken.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.TOKEN_ISSUER_INVALID));
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterAMinuteAndRefusedOnceItsKeyIsGone() throws Exception {
        String token = appToken();
        assertThat(tokens.validate(token, ROOT)).isNotNull();
        published.remove("ec-1");

        clock.advance(Duration.ofSeconds(30));
        assertThat(tokens.validate(token, ROOT)).as("within the minute the node trusts its keys").isNotNull();
        clock.advance(Duration.ofSeconds(31));

        assertThatThrownBy(() -> tokens.validate(token, ROOT)).isInstanceOf(InvalidToken.class)
                .hasMessageContaining("not signed by a key of this Keyward server");
    }

    @Test
    void anHs256TokenIsRefusedWithItsReason() throws Exception {
        SignedJWT genuine = SignedJWT.parse(appToken());
        SignedJWT hs = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ec-1").build(),
                genuine.getJWTClaimsSet());
        hs.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));

        assertThatThrownBy(() -> tokens.validate(hs.serialize(), ROOT))
                .isInstanceOfSatisfying(InvalidToken.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.TOKEN_ALGORITHM_INVALID))
                .hasMessageContaining("HS256");
    }

    private String appToken() {
        ClientApplication app = new ClientApplication(UUID.randomUUID(), UUID.randomUUID(), "Bench app", Set.of("User.Read.All"), Instant.EPOCH);
        return tokens.issueForApplication(app, AccessTokens.issuer("http://localhost:8080", TENANT.id().toString())).accessToken();
    }

    /** A clock a test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
