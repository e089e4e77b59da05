package io.keyward.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The stored form of a parked {@link AuthorizationRequest}. */
final class AuthorizationRequestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthorizationRequestJson() {
    }

    static String write(AuthorizationRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("clientId", request.clientId());
        node.put("redirectUri", request.redirectUri());
        node.put("responseMode", request.responseMode().name());
        ArrayNode scopes = node.putArray("scopes");
        request.scopes().forEach(scopes::add);
        node.put("refresh", request.refresh());
        request.state().ifPresent(v -> node.put("state", v));
        request.nonce().ifPresent(v -> node.put("nonce", v));
        node.put("codeChallenge", request.codeChallenge());
        ArrayNode prompts = node.putArray("prompts");
        request.prompts().forEach(prompts::add);
        request.loginHint().ifPresent(v -> node.put("loginHint", v));
        request.maxAge().ifPresent(v -> node.put("maxAge", v.toSeconds()));
        return node.toString();
    }

    static AuthorizationRequest read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new AuthorizationRequest(node.get("clientId").asText(), node.get("redirectUri").asText(),
                    AuthorizationRequest.ResponseMode.valueOf(node.get("responseMode").asText()), strings(node.get("scopes")),
                    node.get("refresh").asBoolean(), text(node, "state"), text(node, "nonce"), node.get("codeChallenge").asText(),
                    strings(node.get("prompts")), text(node, "loginHint"),
                    Optional.ofNullable(node.get("maxAge")).map(v -> Duration.ofSeconds(v.asLong())));
        } catch (IOException e) {
            throw new UncheckedIOException("A stored authorization request is not valid JSON", e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asText);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
