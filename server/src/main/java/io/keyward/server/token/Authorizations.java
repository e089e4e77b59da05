package io.keyward.server.token;

import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The authorization endpoint's decisions (RFC 6749 §4.1, RFC 7636, OpenID Connect Core §3.1.2): whether a request
 * is valid and where its errors may go, whether a sign-in session is good enough for it, and the parking of a
 * request while the person signs in.
 */
@ApplicationScoped
public class Authorizations {

    /** How long a person has to sign in before the parked request is gone. */
    public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    /** RFC 7636 §4.1: 43 to 128 unreserved characters; an S256 challenge is 43. */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Set<String> PROMPTS = Set.of("none", "login", "select_account", "consent");
    /** No parameter of an authorization request needs more; a URL carrying more is not one. */
    static final int MAX_PARAMETER_CHARS = 2048;

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    AppRegistrations apps;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    /** What a sign-in session is worth to a request. */
    public enum SessionVerdict {
        /** The session answers the request: issue a code. */
        USE_SESSION,
        /** The person must sign in on Keyward's page first. */
        SIGN_IN,
        /** {@code prompt=none} and no suitable session: {@code login_required}. */
        LOGIN_REQUIRED
    }

    /**
     * Checks a request in the order RFC 6749 §4.1.2.1 needs: client and redirect URI first (their errors are shown,
     * never redirected), then everything else (errors go back to the app). Returns the request with the app it is for,
     * so the rest of the request need not read the app again.
     */
    @Transactional
    public Validated validate(Map<String, List<String>> parameters) throws AuthorizationRefused {
        String clientId = single(parameters, "client_id", Optional.empty())
                .orElseThrow(() -> shown("invalid_request", ReasonCode.INVALID_CLIENT, "The request must contain the parameter 'client_id'."));
        ClientApplication app = apps.findByClientId(clientId).orElseThrow(() -> shown("unauthorized_client", ReasonCode.INVALID_CLIENT,
                "Application " + quote(clientId) + " is not registered in this tenant."));
        String redirectUri = single(parameters, "redirect_uri", Optional.empty())
                .orElseThrow(() -> shown("invalid_request", ReasonCode.REDIRECT_URI_MISMATCH, "The request must contain the parameter 'redirect_uri'."));
        if (!app.acceptsRedirectUri(redirectUri)) {
            throw shown("invalid_request", ReasonCode.REDIRECT_URI_MISMATCH, "The redirect URI " + quote(redirectUri)
                    + " is not registered for the application '" + app.displayName() + "'. Redirect URIs must match a registered one exactly.");
        }
        Optional<String> state = single(parameters, "state", Optional.empty());
        String modeValue = single(parameters, "response_mode", Optional.empty()).orElse("query");
        Optional<AuthorizationRequest.ResponseMode> parsedMode = AuthorizationRequest.ResponseMode.parse(modeValue);
        AuthorizationRefused.Redirect back = new AuthorizationRefused.Redirect(redirectUri,
                parsedMode.orElse(AuthorizationRequest.ResponseMode.QUERY), state);
        Optional<AuthorizationRefused.Redirect> redirect = Optional.of(back);
        if (parsedMode.isEmpty()) {
            throw new AuthorizationRefused("invalid_request", ReasonCode.INVALID_REQUEST, "The response_mode " + quote(modeValue)
                    + " is not supported; use query or form_post.", redirect);
        }
        for (String name : List.of("response_type", "scope", "nonce", "code_challenge", "code_challenge_method", "prompt",
                "login_hint", "max_age")) {
            single(parameters, name, redirect);
        }
        if (parameters.containsKey("request")) {
            throw new AuthorizationRefused("request_not_supported", ReasonCode.NOT_SUPPORTED, "Request objects are not supported.", redirect);
        }
        if (parameters.containsKey("request_uri")) {
            throw new AuthorizationRefused("request_uri_not_supported", ReasonCode.NOT_SUPPORTED, "request_uri is not supported.", redirect);
        }
        String responseType = first(parameters, "response_type").orElse("");
        if (!responseType.equals("code")) {
            throw new AuthorizationRefused("unsupported_response_type", ReasonCode.INVALID_REQUEST, "The response_type "
                    + quote(responseType) + " is not supported; use the authorization code flow (response_type=code).", redirect);
        }
        RequestedScopes requested;
        Set<String> scopes;
        try {
            requested = RequestedScopes.parse(first(parameters, "scope").orElse(null), config.graphResource(), config.ownBaseUrls());
            scopes = requested.delegatedScopes(app);
        } catch (RequestedScopes.InvalidScope e) {
            throw new AuthorizationRefused("invalid_scope", ReasonCode.INVALID_SCOPE, e.getMessage(), redirect);
        }
        String challenge = pkce(parameters, redirect);
        Set<String> prompts = prompts(parameters, redirect);
        Optional<Duration> maxAge = maxAge(parameters, redirect);
        return new Validated(new AuthorizationRequest(app.appId().toString(), redirectUri, parsedMode.get(), scopes,
                requested.wantsRefreshToken(), state, first(parameters, "nonce"), challenge, prompts, first(parameters, "login_hint"),
                maxAge), app);
    }

    /** A valid authorization request and the registered app it is for, as read when it was validated. */
    public record Validated(AuthorizationRequest request, ClientApplication app) {
    }

    /**
     * Whether the browser's sign-in answers the request: there must be one, newer than {@code max_age}, and the
     * request must not demand a fresh sign-in. {@code prompt=none} turns "sign in first" into {@code login_required}.
     */
    public SessionVerdict judge(AuthorizationRequest request, Optional<SignInSession> session) {
        Instant now = clock.instant();
        boolean suitable = session.filter(s -> s.isOpenAt(now))
                .filter(s -> request.maxAge().map(age -> !s.authenticatedAt().plus(age).isBefore(now)).orElse(true))
                .isPresent() && !request.demandsInteractiveSignIn();
        if (suitable) {
            return SessionVerdict.USE_SESSION;
        }
        return request.forbidsInteraction() ? SessionVerdict.LOGIN_REQUIRED : SessionVerdict.SIGN_IN;
    }

    /** Parks a request of {@code app} while the person signs in; returns the opaque reference the browser carries. */
    @Transactional
    public String park(AuthorizationRequest request, ClientApplication app) {
        Instant now = clock.instant();
        String reference = Hashes.randomValue();
        em.persist(new PendingAuthorization(Hashes.sha256(reference), app.id(), AuthorizationRequestJson.write(request), now,
                now.plus(PENDING_LIFETIME)));
        return reference;
    }

    /** A parked request, with when it was parked and the app it is for, if the reference is known and unexpired. */
    @Transactional
    public Optional<Parked> parked(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 128) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(PendingAuthorization.class, Hashes.sha256(reference)))
                .filter(p -> p.expiresAt().isAfter(clock.instant()))
                .flatMap(p -> Optional.ofNullable(em.find(ClientApplication.class, p.applicationId()))
                        .map(app -> new Parked(AuthorizationRequestJson.read(p.request()), app, p.createdAt())));
    }

    /**
     * Takes a parked request out, once: a conditional delete, so two continuations of the same sign-in cannot both
     * get a code. False when it was already taken or has expired.
     */
    @Transactional
    public boolean take(String reference) {
        return em.createQuery("delete from PendingAuthorization p where p.referenceHash = :hash and p.expiresAt > :now")
                .setParameter("hash", Hashes.sha256(reference)).setParameter("now", clock.instant()).executeUpdate() == 1;
    }

    /** Removes parked requests that have expired; {@link io.keyward.server.operations.Housekeeping} calls it. */
    @Transactional
    public int purgeExpired(Instant now) {
        return em.createQuery("delete from PendingAuthorization p where p.expiresAt < :now").setParameter("now", now).executeUpdate();
    }

    /** A parked request: the request, the app it is for, and when it was parked (a sign-in must be newer). */
    public record Parked(AuthorizationRequest request, ClientApplication app, Instant parkedAt) {
    }

    private static String pkce(Map<String, List<String>> parameters, Optional<AuthorizationRefused.Redirect> redirect) throws AuthorizationRefused {
        Optional<String> challenge = first(parameters, "code_challenge");
        if (challenge.isEmpty()) {
            throw new AuthorizationRefused("invalid_request", ReasonCode.PKCE_FAILED,
                    "PKCE is required: send code_challenge with code_challenge_method=S256 (RFC 7636).", redirect);
        }
        // RFC 7636 §4.3: an absent method means plain, which Keyward refuses (RFC 9700 §2.1.1).
        String method = first(parameters, "code_challenge_method").orElse("plain");
        if (!method.equals("S256")) {
            throw new AuthorizationRefused("invalid_request", ReasonCode.PKCE_FAILED, "The code_challenge_method " + quote(method)
                    + " is not supported; only S256 is.", redirect);
        }
        if (!CODE_CHALLENGE.matcher(challenge.get()).matches()) {
            throw new AuthorizationRefused("invalid_request", ReasonCode.PKCE_FAILED,
                    "The code_challenge is not 43 to 128 unreserved characters (RFC 7636 §4.2).", redirect);
        }
        return challenge.get();
    }

    private static Set<String> prompts(Map<String, List<String>> parameters, Optional<AuthorizationRefused.Redirect> redirect) throws AuthorizationRefused {
        Set<String> prompts = new LinkedHashSet<>();
        for (String value : first(parameters, "prompt").map(p -> p.trim().split(" +")).orElse(new String[0])) {
            if (value.isEmpty()) {
                continue;
            }
            if (!PROMPTS.contains(value)) {
                throw new AuthorizationRefused("invalid_request", ReasonCode.INVALID_REQUEST, "The prompt " + quote(value)
                        + " is not supported; use none, login, select_account or consent.", redirect);
            }
            prompts.add(value);
        }
        if (prompts.contains("none") && prompts.size() > 1) {
            throw new AuthorizationRefused("invalid_request", ReasonCode.INVALID_REQUEST,
                    "prompt=none cannot be combined with other prompt values (OpenID Connect Core §3.1.2.1).", redirect);
        }
        return prompts;
    }

    private static Optional<Duration> maxAge(Map<String, List<String>> parameters, Optional<AuthorizationRefused.Redirect> redirect) throws AuthorizationRefused {
        Optional<String> value = first(parameters, "max_age");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            if (seconds >= 0) {
                return Optional.of(Duration.ofSeconds(seconds));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new AuthorizationRefused("invalid_request", ReasonCode.INVALID_REQUEST, "max_age must be a number of seconds.", redirect);
    }

    /** RFC 6749 §3.1: a parameter sent more than once is an invalid request; so is one too long to be genuine. */
    private static Optional<String> single(Map<String, List<String>> parameters, String name,
                                           Optional<AuthorizationRefused.Redirect> redirect) throws AuthorizationRefused {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new AuthorizationRefused("invalid_request", ReasonCode.INVALID_REQUEST, "The parameter '" + name + "' was sent more than once.", redirect);
        }
        if (!values.isEmpty() && values.get(0).length() > MAX_PARAMETER_CHARS) {
            throw new AuthorizationRefused("invalid_request", ReasonCode.INVALID_REQUEST, "The parameter '" + name + "' is longer than "
                    + MAX_PARAMETER_CHARS + " characters.", redirect);
        }
        return values.stream().findFirst().filter(v -> !v.isEmpty());
    }

    private static Optional<String> first(Map<String, List<String>> parameters, String name) {
        return parameters.getOrDefault(name, List.of()).stream().findFirst().filter(v -> !v.isEmpty());
    }

    private static AuthorizationRefused shown(String error, ReasonCode reason, String description) {
        return new AuthorizationRefused(error, reason, description, Optional.empty());
    }

    static String quote(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    static Set<String> words(String text) {
        return text == null || text.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(text.trim().split(" +")));
    }
}
