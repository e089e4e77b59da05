package io.keyward.station.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.station.config.StationConfig;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The station's HTTP side of Keyward: an app token by client credentials (OAuth 2.0, RFC 6749 §4.4) at
 * {@code /{tenant}/oauth2/v2.0/token}, and Graph calls with it. Refusals come back as {@link GraphRefusal} with the
 * server's reason code; no answer at all as {@link KeywardUnavailableException}.
 */
public final class KeywardClient {

    /** Either lets the station fetch creationOptions and register passkeys for another user (GRAPH-API.md §2.5). */
    public static final Set<String> PROVISIONING = Set.of("UserAuthenticationMethod.ReadWrite.All",
            "UserAuthMethod-Passkey.ReadWrite.All");
    /** Any of these lets it find employees by name or UPN. */
    public static final Set<String> USER_READ = Set.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All",
            "Directory.ReadWrite.All");
    /** Any of these lets it read the passkey policy and model metadata for the checks before a key is touched. */
    public static final Set<String> POLICY_READ = Set.of("Policy.Read.All", "Policy.Read.AuthenticationMethod",
            "Policy.ReadWrite.AuthenticationMethod");

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    private final StationConfig config;
    private final HttpClient http;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public KeywardClient(StationConfig config) {
        // HTTP/1.1 with keep-alive: no h2c upgrade offer on each new connection (Keyward answers HTTP/1.1 without TLS).
        this(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    }

    KeywardClient(StationConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    public StationConfig config() {
        return config;
    }

    /**
     * Signs in and checks the app's permissions; the station refuses to start unless this passes.
     *
     * @return the permissions (app roles) the token carries
     */
    public Set<String> checkReady() throws KeywardUnavailableException, StationNotPermittedException {
        Set<String> roles = roles(token());
        List<String> missing = new ArrayList<>();
        for (Set<String> anyOf : List.of(PROVISIONING, USER_READ, POLICY_READ)) {
            if (anyOf.stream().noneMatch(roles::contains)) {
                missing.add(anyOf.stream().sorted().collect(Collectors.joining(" or ")));
            }
        }
        if (!missing.isEmpty()) {
            throw new StationNotPermittedException("The station's app (client id " + config.clientId()
                    + ") lacks a permission it needs: " + String.join("; ", missing)
                    + ". An administrator grants it to the app in Keyward.");
        }
        return roles;
    }

    public JsonNode get(String path) throws GraphRefusal, KeywardUnavailableException {
        return send(request(path).GET());
    }

    /**
     * A GET sent now whose answer is read later ({@link Pending#get}): the station asks Keyward while it talks to the
     * key. The token is fetched (or taken from the cache) before the request leaves.
     */
    public Pending<JsonNode> getLater(String path) {
        HttpRequest request;
        try {
            request = request(path).GET().build();
        } catch (GraphRefusal | KeywardUnavailableException e) {
            return new Pending<>(CompletableFuture.failedFuture(e));
        }
        return new Pending<>(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    try {
                        if (failure != null) {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                            throw cause instanceof IOException io ? unavailable(io) : new KeywardUnavailableException(
                                    "Keyward at " + config.keywardUrl() + " cannot be reached: " + cause, cause);
                        }
                        return answer(response);
                    } catch (GraphRefusal | KeywardUnavailableException e) {
                        throw new CompletionException(e);
                    }
                }));
    }

    public void delete(String path) throws GraphRefusal, KeywardUnavailableException {
        send(request(path).DELETE());
    }

    public JsonNode post(String path, JsonNode body) throws GraphRefusal, KeywardUnavailableException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) throws KeywardUnavailableException, GraphRefusal {
        try {
            // Keyward's audit log names the operator the station works for next to the station's app.
            return HttpRequest.newBuilder(config.graphBase().resolve(path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token()).header("X-Keyward-Operator", config.operator());
        } catch (StationNotPermittedException e) {
            throw new GraphRefusal(401, "unauthenticated", e.getMessage());
        }
    }

    private JsonNode send(HttpRequest.Builder request) throws GraphRefusal, KeywardUnavailableException {
        return answer(exchange(request.build()));
    }

    private static JsonNode answer(HttpResponse<String> response) throws GraphRefusal, KeywardUnavailableException {
        JsonNode body = parse(response);
        if (response.statusCode() >= 500) {
            throw new KeywardUnavailableException("Keyward answered " + response.statusCode() + ": "
                    + body.path("error").path("message").asText("no details"));
        }
        if (response.statusCode() >= 400) {
            throw new GraphRefusal(response.statusCode(), body.path("error").path("code").asText("unknown"),
                    body.path("error").path("message").asText("Keyward refused the request (" + response.statusCode() + ")"));
        }
        return body;
    }

    private synchronized String token() throws KeywardUnavailableException, StationNotPermittedException {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = Map.of("grant_type", "client_credentials", "client_id", config.clientId(),
                        "client_secret", config.clientSecret(), "scope", "https://graph.microsoft.com/.default")
                .entrySet().stream().map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        URI endpoint = URI.create(config.keywardUrl().toString().replaceAll("/$", "") + "/" + encode(config.tenant())
                + "/oauth2/v2.0/token");
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        JsonNode body = parse(response);
        if (response.statusCode() >= 500) {
            throw new KeywardUnavailableException("Keyward's token endpoint answered " + response.statusCode());
        }
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new StationNotPermittedException("Keyward did not accept the station's app (client id "
                    + config.clientId() + ", tenant " + config.tenant() + "): "
                    + body.path("error_description").asText(body.path("error").asText("HTTP " + response.statusCode()))
                    + ". Check client.id, client.secret and tenant in the configuration file.");
        }
        token = body.get("access_token").asText();
        tokenExpires = Instant.now().plusSeconds(Math.max(30, body.path("expires_in").asLong(300) - 60));
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request) throws KeywardUnavailableException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeywardUnavailableException("interrupted while talking to Keyward", e);
        }
    }

    private KeywardUnavailableException unavailable(IOException e) {
        if (e instanceof ConnectException) {
            return new KeywardUnavailableException("Keyward at " + config.keywardUrl() + " does not answer (connection refused)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new KeywardUnavailableException("Keyward at " + config.keywardUrl() + " did not answer in time", e);
        }
        return new KeywardUnavailableException("Keyward at " + config.keywardUrl() + " cannot be reached: " + e.getMessage(), e);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The app roles of an access token; the station only reads its own token's claims, it does not verify them. */
    static Set<String> roles(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            return Set.of();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Set<String> roles = new LinkedHashSet<>();
            claims.path("roles").forEach(role -> roles.add(role.asText()));
            return roles;
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
    }
}
