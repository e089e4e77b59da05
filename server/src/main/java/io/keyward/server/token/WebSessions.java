package io.keyward.server.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Browser sessions as signed, short-lived JWTs in an HttpOnly cookie: no server-side state, so any node serves any
 * request (DESIGN.md §7). Signed with the token signing keys; a different audience keeps them from being used as
 * access tokens and the other way round.
 */
@ApplicationScoped
public class WebSessions {

    public static final String COOKIE = "keyward_session";
    static final String AUDIENCE = "keyward-web-session";
    public static final Duration LIFETIME = Duration.ofHours(8);

    @Inject
    AccessTokens tokens;

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    public String open(UUID userId, String method) {
        Instant now = clock.instant();
        return tokens.sign(new JWTClaimsSet.Builder()
                .audience(AUDIENCE).subject(userId.toString()).claim("amr", method)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build());
    }

    /** The session a cookie value proves, if it is one of ours and unexpired. */
    public Optional<WebSession> read(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(cookie);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            var key = Optional.ofNullable(jwt.getHeader().getKeyID()).flatMap(keys::verificationKey);
            if (key.isEmpty() || !jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.get()))
                    || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new WebSession(UUID.fromString(claims.getSubject()), String.valueOf(claims.getClaim("amr")),
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | com.nimbusds.jose.JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
