package io.keyward.server.platform;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keyward's configuration. Each setting is read from the system property {@code keyward.x.y} or, when that
 * is absent, from the environment variable {@code KEYWARD_X_Y}. Defaults suit the quick start; every name is
 * documented in {@code docs/configuration.md}.
 */
@ApplicationScoped
public class KeywardConfig {

    /**
     * How the server runs: {@code dev} seeds a demo tenant and generates its key-encryption key; {@code prod} does
     * neither. Both write the first start's secrets to bootstrap.json (0600), never to the log.
     */
    public enum Mode { DEV, PROD }

    public Mode mode() {
        return "prod".equalsIgnoreCase(value("keyward.mode").orElse("dev")) ? Mode.PROD : Mode.DEV;
    }

    /** Directory for files Keyward writes (bootstrap.json, the H2 database in dev mode). */
    public Path dataDirectory() {
        return Path.of(value("keyward.data.dir")
                .orElseGet(() -> System.getProperty("jboss.server.data.dir", "data") + "/keyward"));
    }

    /** The public base URL, e.g. {@code https://login.example.com}; empty to derive it from each request. */
    public Optional<String> publicBaseUrl() {
        return value("keyward.base-url").map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /**
     * The public base URL of requests that reach Keyward over TLS directly (its own HTTPS listener), e.g.
     * {@code https://localhost:8443}; empty to use {@link #publicBaseUrl()} for them too.
     */
    public Optional<String> httpsBaseUrl() {
        return value("keyward.https-base-url").map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Every base URL configured for this Keyward: {@code keyward.base-url} and {@code keyward.https-base-url}. */
    public List<String> ownBaseUrls() {
        List<String> urls = new ArrayList<>();
        publicBaseUrl().ifPresent(urls::add);
        httpsBaseUrl().ifPresent(urls::add);
        return urls;
    }

    /**
     * Addresses (IPv4 or IPv6, single or CIDR, comma-separated) of the reverse proxies whose {@code Forwarded} /
     * {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port} headers say which URL the client used; empty: none.
     */
    public List<String> trustedProxies() {
        return value("keyward.trusted-proxies").map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(entry -> !entry.isEmpty()).toList()).orElse(List.of());
    }

    /** The PEM certificate of Keyward's HTTPS listener, for clients to trust (start-dev's generated one). */
    public Optional<Path> tlsCertificate() {
        return value("keyward.tls.certificate").map(Path::of);
    }

    /** The key store of Keyward's HTTPS listener (PKCS12 unless {@code keyward.tls.keystore-type} says JKS). */
    public Optional<Path> tlsKeystore() {
        return value("keyward.tls.keystore").map(Path::of);
    }

    public Optional<String> tlsKeystorePassword() {
        return value("keyward.tls.keystore-password");
    }

    public String tlsKeystoreType() {
        return value("keyward.tls.keystore-type").orElse("PKCS12");
    }

    /** The application id URI of Keyward's Graph resource: the audience of Graph access tokens. */
    public String graphResource() {
        return value("keyward.graph.resource").orElse("https://graph.keyward.local");
    }

    public Duration accessTokenLifetime() {
        return Duration.ofSeconds(Long.parseLong(value("keyward.token.lifetime-seconds").orElse("3600")));
    }

    /** How long an authorization code may wait to be redeemed (RFC 6749 §4.1.2: short; a code is used at once). */
    public Duration authorizationCodeLifetime() {
        return Duration.ofSeconds(Long.parseLong(value("keyward.oidc.code-lifetime-seconds").orElse("60")));
    }

    /** How long a refresh token is valid unused; each use replaces it with a new one (rotation). */
    public Duration refreshTokenLifetime() {
        return Duration.ofDays(Long.parseLong(value("keyward.oidc.refresh-token-lifetime-days").orElse("14")));
    }

    /** How long a node keeps its copy of the policies it enforces at sign-in (passkey policy, conditional access). */
    public Duration policyCache() {
        return Duration.ofSeconds(Long.parseLong(value("keyward.policy.cache-seconds").orElse("5")));
    }

    /** How long a node signs with its copy of the active signing keys before reading them again. */
    public Duration signingKeyCache() {
        return Duration.ofSeconds(Long.parseLong(value("keyward.token.signing-key-cache-seconds").orElse("60")));
    }

    /** How often each node removes expired challenges, sessions, parked requests, codes and refresh tokens. */
    public Duration housekeepingInterval() {
        long seconds = Long.parseLong(value("keyward.housekeeping.interval-seconds").orElse("60"));
        if (seconds < 1) {
            throw new IllegalArgumentException("keyward.housekeeping.interval-seconds must be 1 or more, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** How long a token signing key signs before a new one replaces it (it stays published until its tokens expire). */
    public Duration signingKeyRotation() {
        return Duration.ofDays(Long.parseLong(value("keyward.token.key-rotation-days").orElse("90")));
    }

    /** Failed password or Temporary Access Pass sign-ins of one account from one client address before it is throttled. */
    public int maxSecretFailures() {
        return Integer.parseInt(value("keyward.signin.max-failures").orElse("10"));
    }

    /** Failed password or Temporary Access Pass sign-ins from one client address, over all accounts, before it is throttled. */
    public int maxSecretFailuresPerAddress() {
        return Integer.parseInt(value("keyward.signin.max-failures-per-address").orElse("1000"));
    }

    /** Failed password or Temporary Access Pass sign-ins of one account, from all addresses, before it is throttled. */
    public int maxSecretFailuresPerAccount() {
        return Integer.parseInt(value("keyward.signin.max-failures-per-account").orElse("100"));
    }

    /** The window in which those failures count, and how long the throttle lasts. */
    public Duration secretFailureWindow() {
        return Duration.ofMinutes(Long.parseLong(value("keyward.signin.lockout-minutes").orElse("15")));
    }

    /**
     * Unauthenticated sign-in requests (options and finishes) one client address may make in a burst before it is
     * answered 429 ({@code keyward.signin.flood.burst}); a successful sign-in gives its requests back.
     */
    public int signInFloodBurst() {
        return Integer.parseInt(value("keyward.signin.flood.burst").orElse("300"));
    }

    /** How many of those requests a client address gets back per minute ({@code keyward.signin.flood.per-minute}). */
    public int signInFloodPerMinute() {
        return Integer.parseInt(value("keyward.signin.flood.per-minute").orElse("300"));
    }

    /** The tenant's initial domain, used for new UPNs of the bootstrap administrator. */
    public String tenantDomain() {
        return value("keyward.tenant.domain").orElse(mode() == Mode.DEV ? "contoso.keyward.local" : "keyward.local");
    }

    public String tenantName() {
        return value("keyward.tenant.name").orElse(mode() == Mode.DEV ? "Contoso (demo)" : "Keyward");
    }

    /** Largest request body the Graph API accepts, in bytes. */
    public int maxRequestBytes() {
        return Integer.parseInt(value("keyward.graph.max-request-bytes").orElse("1048576"));
    }

    /**
     * PEM file with the root(s) FIDO MDS3 BLOBs must chain to; empty for the FIDO Alliance's root shipped with
     * Keyward (GlobalSign Root CA - R3).
     */
    public Optional<Path> metadataRootCertificate() {
        return value("keyward.metadata.root-certificate").map(Path::of);
    }

    /** Whether passkeys of a model the metadata reports compromised are refused at sign-in (always at registration). */
    public boolean blocksCompromisedAtSignIn() {
        return Boolean.parseBoolean(value("keyward.metadata.block-compromised-at-sign-in").orElse("true"));
    }

    /**
     * The file holding the key-encryption key that seals the token signing keys in the database (32 random bytes,
     * base64). Empty when not configured: dev mode then generates one in the data directory, prod refuses to start.
     */
    public Optional<Path> keyEncryptionKeyFile() {
        return value("keyward.keys.encryption-key-file").map(Path::of);
    }

    /**
     * How recent a strong sign-in (passkey or Temporary Access Pass) must be for a browser session to add a passkey in
     * Security info; ISO-8601 ({@code PT10M}).
     */
    public Duration strongSignInMaxAge() {
        return Duration.parse(value("keyward.signin.strong-auth-max-age").orElse("PT10M"));
    }

    /** The organization's name on the end-user pages; empty for the tenant's display name. */
    public Optional<String> brandingName() {
        return value("keyward.branding.name");
    }

    /** A PNG, JPEG, WebP or SVG file shown as the organization's logo on the end-user pages. */
    public Optional<Path> brandingLogo() {
        return value("keyward.branding.logo").map(Path::of);
    }

    /** The organization's main color ({@code #rrggbb}) for buttons, links and focus outlines on the end-user pages. */
    public Optional<String> brandingPrimaryColor() {
        return value("keyward.branding.primary-color");
    }

    /** The background color ({@code #rrggbb}) of the end-user pages' top bar. */
    public Optional<String> brandingHeaderColor() {
        return value("keyward.branding.header-color");
    }

    /**
     * The admin center's client id ({@code keyward.admin.client-id}, a GUID) and secret ({@code keyward.admin.client-secret}):
     * the same settings reach the admin center's WAR, which signs administrators in with them. {@code ./keyward}
     * generates both on a first start into the data directory; empty when not configured (no admin center then).
     */
    public Optional<String> adminClientId() {
        return value("keyward.admin.client-id");
    }

    public Optional<String> adminClientSecret() {
        return value("keyward.admin.client-secret");
    }

    public Optional<String> value(String name) {
        String property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        String env = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.trim());
    }
}
