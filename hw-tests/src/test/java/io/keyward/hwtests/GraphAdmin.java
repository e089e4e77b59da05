package io.keyward.hwtests;

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
import java.util.UUID;

/** The administrator's side of the scenarios: users, guests, the passkey policy, the audit log, over Graph. */
final class GraphAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonNode bootstrap;
    private String token;

    GraphAdmin(JsonNode bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A new member user with a unique UPN in the tenant's domain of the bootstrap administrator. */
    JsonNode createUser(String alias, String displayName) {
        String domain = bootstrap.path("adminUserPrincipalName").asText().replaceAll(".*@", "");
        String upn = alias + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        return call("POST", "/users", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"" + displayName + "\"}", 201);
    }

    JsonNode inviteGuest(String email) {
        JsonNode invitation = call("POST", "/invitations", "{\"invitedUserEmailAddress\":\"" + email
                + "\",\"inviteRedirectUrl\":\"https://example.com\"}", 201);
        return user(invitation.path("invitedUser").path("id").asText());
    }

    JsonNode user(String id) {
        return call("GET", "/users/" + id + "?$select=id,userPrincipalName,displayName,userType,creationType,accountEnabled", null, 200);
    }

    void changeUpn(String id, String newUpn) {
        call("PATCH", "/users/" + id, "{\"userPrincipalName\":\"" + newUpn + "\"}", 204);
    }

    void patchPasskeyPolicy(String properties) {
        call("PATCH", "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
                "{\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\"," + properties + "}", 204);
    }

    JsonNode passkeys(String userId) {
        return call("GET", "/users/" + userId + "/authentication/fido2Methods", null, 200);
    }

    JsonNode directoryAudits(String filter) {
        return call("GET", "/auditLogs/directoryAudits?$top=50" + (filter.isEmpty() ? ""
                : "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")), null, 200);
    }

    private JsonNode call(String method, String path, String body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bootstrap.path("graphBaseUrl").asText() + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            String form = "grant_type=client_credentials&client_id=" + enc(bootstrap.path("clientId").asText())
                    + "&client_secret=" + enc(bootstrap.path("clientSecret").asText()) + "&scope=" + enc(bootstrap.path("scope").asText());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(bootstrap.path("tokenEndpoint").asText()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            token = JSON.readTree(response.body()).path("access_token").asText();
        }
        return token;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
