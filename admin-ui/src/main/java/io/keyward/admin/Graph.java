package io.keyward.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keyward's Graph API as the signed-in administrator: every call carries their delegated access token, so Graph decides
 * (role × scope) what they may read and change. Errors arrive as {@link GraphRefused} with Graph's code and message.
 */
@RequestScoped
public class Graph {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    HttpServletRequest request;

    private GraphLocation location;

    /** One answer: status, body (empty for 204) and ETag. */
    public record Reply(int status, Optional<JsonStructure> body, Optional<String> etag) {

        public JsonObject object() {
            return body.orElseThrow(() -> new IllegalStateException("Graph answered " + status + " without a body")).asJsonObject();
        }
    }

    public JsonObject get(String path) {
        return send("GET", path, null, null).object();
    }

    public Reply getWithEtag(String path) {
        return send("GET", path, null, null);
    }

    /**
     * A directory query Graph calls advanced ({@code $search}, {@code $count} on users and groups): Graph answers it only
     * with the header {@code ConsistencyLevel: eventual}.
     */
    public JsonObject getAdvanced(String path) {
        return exchange("GET", path, null, null, Map.of("ConsistencyLevel", "eventual")).object();
    }

    /** Every item of a collection, following {@code @odata.nextLink}. */
    public List<JsonObject> list(String path) {
        List<JsonObject> items = new ArrayList<>();
        String next = path;
        int pages = 0;
        while (next != null && pages++ < 200) {
            JsonObject page = get(next);
            page.getJsonArray("value").forEach(v -> items.add(v.asJsonObject()));
            next = page.containsKey("@odata.nextLink") ? page.getString("@odata.nextLink") : null;
        }
        return items;
    }

    public Reply send(String method, String path, JsonStructure body, String ifMatch) {
        return exchange(method, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body.toString()), "application/json",
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** Sends a body that is not JSON (a metadata BLOB, {@code application/jose}). */
    public Reply sendBytes(String method, String path, byte[] body, String contentType) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType, Map.of());
    }

    private Reply exchange(String method, String path, HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers) {
        SignedInAdmin admin = (SignedInAdmin) request.getAttribute(AdminRoleFilter.ADMIN);
        if (admin == null) {
            throw new GraphRefused(401, "unauthenticated", "Not signed in to the admin center.");
        }
        URI uri = path.startsWith("http") ? URI.create(path) : path.startsWith("beta:") ? location().beta(path.substring(5)) : location().v1(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + admin.accessToken()).header("Accept", "application/json");
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType).method(method, body);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GraphRefused(503, "serviceNotAvailable", "Keyward's Graph API cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphRefused(503, "serviceNotAvailable", "Interrupted while calling Graph.");
        }
        Optional<JsonStructure> json = parse(response.body());
        if (response.statusCode() >= 400) {
            JsonObject error = json.filter(j -> j.getValueType() == JsonValue.ValueType.OBJECT).map(JsonValue::asJsonObject)
                    .map(o -> o.getJsonObject("error")).orElse(null);
            throw new GraphRefused(response.statusCode(), error == null ? "generalException" : error.getString("code", "generalException"),
                    error == null ? "Graph answered " + response.statusCode() + "." : error.getString("message", ""));
        }
        return new Reply(response.statusCode(), json, response.headers().firstValue("ETag"));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private GraphLocation location() {
        if (location == null) {
            location = GraphLocation.of(AdminSettings.serverUrl());
        }
        return location;
    }

    private static Optional<JsonStructure> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return Optional.of(reader.read());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
