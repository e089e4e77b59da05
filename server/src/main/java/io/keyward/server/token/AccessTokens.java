package io.keyward.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.LruMaps;
import io.keyward.server.platform.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and validates Keyward's tokens: access tokens for its Graph API, JWTs in the shape of Entra ID v2.0 tokens
 * ({@code aud}, {@code tid}, {@code appid}/{@code azp}, {@code roles} for application permissions, {@code scp} and
 * {@code wids} for delegated ones), signed ES256; and ID tokens for apps, signed RS256 (what every OpenID Connect
 * client verifies). Only Keyward has to verify its Graph access tokens: ES256 signs one in a fraction of the CPU an
 * RS256 signature takes, and its key is still published in the JWKS for anyone who wants to check one.
 */
@ApplicationScoped
public class AccessTokens {

    /** Tolerated clock difference between nodes. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** What signs access tokens for Keyward's Graph, and what signs ID tokens. */
    static final JWSAlgorithm ACCESS_TOKEN_ALGORITHM = JWSAlgorithm.ES256;
    static final JWSAlgorithm ID_TOKEN_ALGORITHM = JWSAlgorithm.RS256;

    /** Access tokens whose signature this node has verified, at most this many (about 2 KB each). */
    static final int VERIFIED_CAPACITY = 4_096;

    /**
     * How long a remembered verification stands before the signature is checked again: as long as a node trusts its
     * copy of the verification keys, so a key removed from the database stops verifying within the same minute.
     */
    static final Duration VERIFIED_FOR = SigningKeys.KEY_CACHE_TTL;

    @Inject
    SigningKeys keys;

    @Inject
    KeywardConfig config;

    @Inject
    TenantService tenants;

    @Inject
    Clock clock;

    /** A client-credentials token for Keyward's Graph resource, carrying the app's permissions as roles. */
    public IssuedToken issueForApplication(ClientApplication app, String issuer) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.accessTokenLifetime());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(config.graphResource())
                .subject(app.id().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("tid", tenants.current().id().toString())
                .claim("oid", app.id().toString())
                .claim("appid", app.appId().toString())
                .claim("azp", app.appId().toString())
                .claim("app_displayname", app.displayName())
                .claim("idtyp", "app")
                .claim("ver", "2.0")
                .claim("roles", List.copyOf(app.permissions()))
                .build();
        return new IssuedToken(sign(claims, ACCESS_TOKEN_ALGORITHM), expires);
    }

    /**
     * A delegated token for Keyward's Graph resource: the user's {@code oid}, the granted scopes as {@code scp}, the
     * user's directory roles as {@code wids} (a Graph call needs both, {@link Caller#holdsAny}), and how the user
     * signed in ({@code amr}, {@code acr}).
     */
    public IssuedToken issueForUser(Grant grant, DirectoryUser user, Set<String> roleTemplateIds, String issuer) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.accessTokenLifetime());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(config.graphResource())
                .subject(user.id().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("tid", tenants.current().id().toString())
                .claim("oid", user.id().toString())
                .claim("upn", user.userPrincipalName())
                .claim("preferred_username", user.userPrincipalName())
                .claim("name", user.displayName())
                .claim("appid", grant.app().appId().toString())
                .claim("azp", grant.app().appId().toString())
                .claim("app_displayname", grant.app().displayName())
                .claim("idtyp", "user")
                .claim("ver", "2.0")
                .claim("scp", String.join(" ", grant.scopes()))
                .claim("wids", List.copyOf(roleTemplateIds))
                .claim("amr", grant.amr())
                .claim("acr", grant.acr());
        grant.sessionId().ifPresent(sid -> claims.claim("sid", sid.toString()));
        return new IssuedToken(sign(claims.build(), ACCESS_TOKEN_ALGORITHM), expires);
    }

    /**
     * An ID token (OpenID Connect Core §2) for the app: audience the client id, {@code sub} the user's object id,
     * {@code auth_time}, {@code amr}, {@code acr} and {@code sid} of the sign-in, and the request's {@code nonce};
     * {@code profile} adds the names, {@code email} the mail address.
     */
    public String idToken(Grant grant, DirectoryUser user, String issuer) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(grant.app().appId().toString())
                .subject(user.id().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(config.accessTokenLifetime())))
                .claim("auth_time", grant.authenticatedAt().getEpochSecond())
                .claim("amr", grant.amr())
                .claim("acr", grant.acr())
                .claim("azp", grant.app().appId().toString())
                .claim("tid", tenants.current().id().toString())
                .claim("oid", user.id().toString())
                .claim("ver", "2.0");
        grant.nonce().ifPresent(nonce -> claims.claim("nonce", nonce));
        grant.sessionId().ifPresent(sid -> claims.claim("sid", sid.toString()));
        if (grant.scopes().contains("profile")) {
            claims.claim("name", user.displayName()).claim("preferred_username", user.userPrincipalName());
            Optional.ofNullable(user.givenName()).ifPresent(v -> claims.claim("given_name", v));
            Optional.ofNullable(user.surname()).ifPresent(v -> claims.claim("family_name", v));
        }
        if (grant.scopes().contains("email")) {
            Optional.ofNullable(user.mail()).ifPresent(v -> claims.claim("email", v));
        }
        return sign(claims.build(), ID_TOKEN_ALGORITHM);
    }

    /** The issuer of this tenant's tokens at a public base URL, in the shape of Entra's v2.0 issuer. */
    public static String issuer(String publicBaseUrl, String tenantId) {
        return publicBaseUrl + "/" + tenantId + "/v2.0";
    }

    /**
     * A token whose signature this node has verified, with what the checks at every use need. Keyed by the exact
     * token: the same bytes under the same key id verify the same way for good (a key id names one key), so only the
     * checks that depend on the time or the request ({@link #validate}) run again.
     */
    private record Verified(Instant expires, Instant notBefore, List<String> audience, String tenantId, String issuer,
                            Caller caller, Instant verifiedAt) {
    }

    private final Map<String, Verified> verified = LruMaps.synchronizedLru(VERIFIED_CAPACITY);

    /**
     * Validates signature, issuer, lifetime, audience and tenant, and returns who called. The token must be signed
     * with an algorithm Keyward signs access tokens with (ES256; RS256 from earlier versions, until those expire) by
     * one of Keyward's keys made for that algorithm. The issuer must be this Keyward's: under {@code keyward.base-url},
     * {@code keyward.https-base-url}, or the public origin of the request the token came with (as the token endpoint
     * derives it).
     */
    public Caller validate(String token, URI requestRoot) throws InvalidToken {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known == null || known.verifiedAt().plus(VERIFIED_FOR).isBefore(now)) {
            verified.remove(token);
            known = verifySignature(token, now);
            verified.put(token, known);
        }
        if (known.expires() == null || known.expires().plus(CLOCK_SKEW).isBefore(now)) {
            throw new InvalidToken("The access token has expired.");
        }
        if (known.notBefore() != null && known.notBefore().minus(CLOCK_SKEW).isAfter(now)) {
            throw new InvalidToken("The access token is not valid yet.");
        }
        if (known.audience() == null || !known.audience().contains(config.graphResource())) {
            throw new InvalidToken("The access token is not for the Graph API (audience " + known.audience() + ").");
        }
        String tenantId = tenants.current().id().toString();
        if (!tenantId.equals(known.tenantId())) {
            throw new InvalidToken("The access token was issued for another tenant.");
        }
        // RFC 9068 §4 / RFC 8725 §3.8: a signature by our key is not enough, the token must say we issued it.
        // Keyward is one issuer under each of its base URLs (http and https, a trusted proxy's): a token from any of
        // them is good on all, as the same keys sign for the same tenant.
        Set<String> expectedIssuers = new LinkedHashSet<>();
        expectedIssuers.add(issuer(requestRoot.toString().replaceAll("/$", ""), tenantId));
        config.ownBaseUrls().forEach(base -> expectedIssuers.add(issuer(base, tenantId)));
        if (!expectedIssuers.contains(known.issuer())) {
            throw new InvalidToken(ReasonCode.TOKEN_ISSUER_INVALID, "The access token was not issued by this Keyward server "
                    + "(its issuer must be " + String.join(" or ", expectedIssuers) + ").");
        }
        return known.caller();
    }

    private Verified verifySignature(String token, Instant now) throws InvalidToken {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidToken("The access token is malformed.");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.ES256.equals(algorithm) && !JWSAlgorithm.RS256.equals(algorithm)) {
            throw new InvalidToken(ReasonCode.TOKEN_ALGORITHM_INVALID, "The access token is signed with " + algorithm
                    + "; Keyward's access tokens are signed with ES256 (or RS256 by earlier versions).");
        }
        JWK key = Optional.ofNullable(jwt.getHeader().getKeyID())
                .flatMap(keys::verificationKey)
                .orElseThrow(() -> new InvalidToken("The access token was not signed by a key of this Keyward server."));
        try {
            if (!jwt.verify(verifier(key, algorithm))) {
                throw new InvalidToken("The access token signature is invalid.");
            }
        } catch (JOSEException e) {
            throw new InvalidToken("The access token signature cannot be verified.");
        }
        Caller caller = new Caller(stringClaim(claims, "appid"), stringClaim(claims, "app_displayname"),
                Optional.ofNullable(stringClaim(claims, "scp")).map(s -> stringClaim(claims, "oid")),
                Optional.ofNullable(stringClaim(claims, "upn")),
                listClaim(claims, "roles"),
                Optional.ofNullable(stringClaim(claims, "scp")).map(s -> Set.of(s.split(" "))).orElse(Set.of()),
                listClaim(claims, "wids").stream().map(DirectoryRole::byTemplateId).flatMap(Optional::stream)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        return new Verified(Optional.ofNullable(claims.getExpirationTime()).map(Date::toInstant).orElse(null),
                Optional.ofNullable(claims.getNotBeforeTime()).map(Date::toInstant).orElse(null),
                claims.getAudience(), stringClaim(claims, "tid"), claims.getIssuer(), caller, now);
    }

    /**
     * The verifier for a token that names {@code algorithm}, with the key its key id names: only when that key is made
     * for that algorithm (RFC 8725 §3.1). So a token can never choose how it is checked: an RS256 key never verifies
     * an HS256 MAC or an ES256 signature, and the other way round.
     */
    private static JWSVerifier verifier(JWK key, JWSAlgorithm algorithm) throws InvalidToken, JOSEException {
        if (key.getAlgorithm() == null || !algorithm.getName().equals(key.getAlgorithm().getName())) {
            throw new InvalidToken(ReasonCode.TOKEN_ALGORITHM_INVALID, "The access token names " + algorithm
                    + " but its key " + key.getKeyID() + " signs with " + key.getAlgorithm() + ".");
        }
        if (JWSAlgorithm.ES256.equals(algorithm) && key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        if (JWSAlgorithm.RS256.equals(algorithm) && key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        throw new InvalidToken(ReasonCode.TOKEN_ALGORITHM_INVALID, "The access token names " + algorithm
                + " but its key " + key.getKeyID() + " is of another type.");
    }

    /**
     * The claims of an ID token Keyward issued, for {@code id_token_hint} (OpenID Connect RP-Initiated Logout §2):
     * RS256, signed by one of Keyward's keys, from {@code issuer}. An expired one is still a good hint.
     */
    public Optional<JWTClaimsSet> idTokenHint(String token, String issuer) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!ID_TOKEN_ALGORITHM.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            Optional<JWK> key = Optional.ofNullable(jwt.getHeader().getKeyID()).flatMap(keys::verificationKey);
            if (key.isEmpty() || !jwt.verify(verifier(key.get(), ID_TOKEN_ALGORITHM))
                    || !issuer.equals(jwt.getJWTClaimsSet().getIssuer())) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | InvalidToken e) {
            return Optional.empty();
        }
    }

    private String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) {
        SigningKeys.ActiveKey key = keys.signingKey(algorithm);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.kid())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(key.signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token with " + algorithm, e);
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static Set<String> listClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> result.add(String.valueOf(v)));
        }
        return Set.copyOf(result);
    }
}
