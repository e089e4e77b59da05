package io.keyward.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a script does with Keyward: client credentials at the token endpoint, then Graph calls with the token. */
final class GraphClient {

    /** A response: status and parsed JSON body. */
    record Reply(int status, JsonNode body) {
    }

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    GraphClient() {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client that also speaks HTTPS to a server whose certificate {@code tls} trusts. */
    GraphClient(javax.net.ssl.SSLContext tls) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
    }

    /** POSTs grant_type=client_credentials with the bootstrap client (OAuth 2.0, RFC 6749 §4.4). */
    Reply requestToken(Bootstrap bootstrap) throws IOException, InterruptedException {
        return requestToken(bootstrap, bootstrap.tokenEndpoint(), bootstrap.scope());
    }

    /** The same at {@code tokenEndpoint} for {@code scope}. */
    Reply requestToken(Bootstrap bootstrap, String tokenEndpoint, String scope) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", bootstrap.clientId());
        form.put("client_secret", bootstrap.clientSecret());
        form.put("scope", scope);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** An access token for the bootstrap client; fails with the server's answer if there is none. */
    String accessToken(Bootstrap bootstrap) throws IOException, InterruptedException {
        Reply reply = requestToken(bootstrap);
        if (reply.status() != 200 || !reply.body().hasNonNull("access_token")) {
            throw new IllegalStateException("token endpoint answered " + reply.status() + ": " + reply.body());
        }
        return reply.body().get("access_token").asText();
    }

    Reply get(String url, Optional<String> accessToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        accessToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return send(request);
    }

    /** A call with a JSON body (or none when {@code body} is null): POST, PATCH, DELETE. */
    Reply send(String method, String url, String accessToken, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return send(request);
    }

    /** Every element of a Graph collection, following {@code @odata.nextLink}. */
    List<JsonNode> listAll(String url, String accessToken) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        String next = url;
        while (next != null) {
            Reply page = get(next, Optional.of(accessToken));
            if (page.status() != 200) {
                throw new IllegalStateException("GET " + next + " answered " + page.status() + ": " + page.body());
            }
            page.body().path("value").forEach(all::add);
            next = page.body().hasNonNull("@odata.nextLink") ? page.body().get("@odata.nextLink").asText() : null;
        }
        return all;
    }

    /** The status of a plain GET, whatever the body is (HTML pages). */
    int status(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Where a plain GET is redirected to ({@code Location}), or empty when it answers without a redirect. */
    Optional<String> redirect(String url) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() / 100 == 3 ? response.headers().firstValue("Location") : Optional.empty();
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (body == null || body.isBlank()) {
            return new Reply(response.statusCode(), json.nullNode());
        }
        try {
            return new Reply(response.statusCode(), json.readTree(body));
        } catch (JsonProcessingException notJson) {
            // Kept as text so that a failing assertion shows what the server sent instead.
            return new Reply(response.statusCode(), json.getNodeFactory().textNode(body));
        }
    }
}
