package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** A small HTTP client for the tests: tokens from the token endpoint, Graph calls, parsed responses. */
final class Graph {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A response with its status, headers and body (parsed as JSON when it is JSON). */
    record Reply(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Response is not JSON: " + raw.body(), e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final URI base;

    Graph(URI base) {
        this.base = base;
    }

    URI root() {
        return base;
    }

    String v1(String path) {
        return base.resolve("graph/v1.0/" + path).toString();
    }

    Reply tokenRequest(String tenant, String form) {
        return send(HttpRequest.newBuilder(base.resolve(tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    String token(TestDirectory.Client client) {
        Reply reply = tokenRequest(TestDirectory.tenantId(), "grant_type=client_credentials&client_id=" + client.clientId()
                + "&client_secret=" + enc(client.secret()) + "&scope=" + enc("https://graph.microsoft.com/.default"));
        if (reply.status() != 200) {
            throw new AssertionError("Token request failed: " + reply);
        }
        return reply.json().get("access_token").asText();
    }

    String tokenWith(String... permissions) {
        String name = "it " + String.join(" ", permissions);
        return token(TestDirectory.client(name.length() > 200 ? name.substring(0, 200) : name, Set.of(permissions)));
    }

    Reply call(String method, String url, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    Reply get(String path, String token, String... headers) {
        return call("GET", v1(path), token, null, headers);
    }

    Reply post(String path, String token, String body) {
        return call("POST", v1(path), token, body);
    }

    Reply patch(String path, String token, String body) {
        return call("PATCH", v1(path), token, body);
    }

    Reply delete(String path, String token) {
        return call("DELETE", v1(path), token, null);
    }

    static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
