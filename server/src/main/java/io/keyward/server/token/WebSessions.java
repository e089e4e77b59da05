package io.keyward.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyward.server.directory.CredentialsChanged;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Browser sessions as signed, short-lived JWTs in an HttpOnly cookie: no server-side state, so any node serves any
 * request (DESIGN.md §7), apart from one check against the user's {@code signInSessionsValidFromDateTime}, read
 * with the user on every request. Signing out, {@code revokeSignInSessions} and the credential changes of
 * {@link CredentialsChanged} move that instant forward and so end every session opened before. Signed with HS256
 * under the {@link SessionKeys session key}, which only Keyward holds: not with the token signing keys, so a session
 * cookie is never an access token (other key, other algorithm, other audience) and the other way round.
 */
@ApplicationScoped
public class WebSessions {

    static final String AUDIENCE = "keyward-web-session";
    /** When the user proved who they are, in epoch milliseconds ({@code iat} has only seconds). */
    static final String AUTHENTICATED_AT = "auth_time_ms";
    /** When this cookie was issued, in epoch milliseconds: at sign-in, or later when a session is renewed. */
    static final String ISSUED_AT = "issued_ms";
    public static final Duration LIFETIME = Duration.ofHours(8);

    @Inject
    SessionKeys keys;

    @Inject
    UserService users;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    public String open(UUID userId, String method) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return sign(userId, method, now, now, now.plus(LIFETIME));
    }

    /**
     * The same session (user, method, sign-in time, expiry) in a cookie issued after the user's
     * {@code signInSessionsValidFromDateTime}: for the browser that itself ended the user's other sessions.
     */
    public String renew(WebSession session, DirectoryUser user) {
        Instant issued = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant validFrom = user.signInSessionsValidFrom().orElse(Instant.EPOCH);
        if (!issued.isAfter(validFrom)) {
            issued = validFrom.plusMillis(1);
        }
        return sign(session.userId(), session.method(), session.authenticatedAt(), issued, session.expiresAt());
    }

    private String sign(UUID userId, String method, Instant authenticatedAt, Instant issued, Instant expires) {
        SessionKeys.Key key = keys.key();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.id()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder()
                        .audience(AUDIENCE).subject(userId.toString()).claim("amr", method)
                        .claim(AUTHENTICATED_AT, authenticatedAt.toEpochMilli()).claim(ISSUED_AT, issued.toEpochMilli())
                        .issueTime(Date.from(issued)).expirationTime(Date.from(expires))
                        .jwtID(UUID.randomUUID().toString()).build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a session cookie", e);
        }
        return jwt.serialize();
    }

    /** The session a cookie value proves, if it is one of ours and unexpired; whether it was revoked is {@link #isCurrent}. */
    public Optional<WebSession> read(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(cookie);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            // Only HS256 under this deployment's session key: a cookie signed otherwise (RS256 as earlier versions did, "none",
            // another key) is no session. MACVerifier itself refuses any other algorithm.
            SessionKeys.Key key = keys.key();
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !key.id().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(key.verifier())
                    || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().isBefore(clock.instant())
                    || claims.getLongClaim(AUTHENTICATED_AT) == null) {
                return Optional.empty();
            }
            Instant authenticatedAt = Instant.ofEpochMilli(claims.getLongClaim(AUTHENTICATED_AT));
            Long issued = claims.getLongClaim(ISSUED_AT);
            return Optional.of(new WebSession(UUID.fromString(claims.getSubject()), String.valueOf(claims.getClaim("amr")),
                    authenticatedAt, issued == null ? authenticatedAt : Instant.ofEpochMilli(issued), claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the session's user has not revoked their sessions since it started. */
    public boolean isCurrent(WebSession session, DirectoryUser user) {
        return session.userId().equals(user.id()) && user.acceptsSessionStartedAt(session.issuedAt());
    }

    /** Sign-out ends every session of the user, in every browser: a copied cookie dies with the one signed out. */
    public void signOut(UUID userId) {
        users.endSignInSessions(userId);
    }

    /**
     * A credential that may have opened a session is gone, or the account may no longer be used: every session opened
     * before ends, copies of this browser's cookie included. When the user did it themselves in Security info, that
     * browser gets a renewed cookie ({@link #renew}) and stays signed in.
     */
    void endSessionsOnCredentialChange(@Observes CredentialsChanged change) {
        users.revokeSignInSessions(change.userId().toString(), change.actor());
    }

    /**
     * Adding a passkey needs a recent strong sign-in: a passkey or a Temporary Access Pass, within
     * {@code keyward.signin.strong-auth-max-age}. Otherwise someone who learned a password, or found a browser left
     * signed in, could add a passkey of their own and keep the account.
     */
    public void requireRecentStrongSignIn(WebSession session) {
        Duration maxAge = config.strongSignInMaxAge();
        if (!session.isStrong()) {
            throw new Refused(ReasonCode.STRONG_SIGN_IN_REQUIRED, "You signed in with a password. To add a passkey, sign out and "
                    + "sign in again with a passkey or a Temporary Access Pass from your administrator.");
        }
        if (session.authenticatedAt().plus(maxAge).isBefore(clock.instant())) {
            throw new Refused(ReasonCode.STRONG_SIGN_IN_REQUIRED, "You signed in more than " + minutes(maxAge)
                    + " ago. To add a passkey, sign out and sign in again with a passkey or a Temporary Access Pass.");
        }
    }

    private static String minutes(Duration duration) {
        long minutes = Math.max(1, duration.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
