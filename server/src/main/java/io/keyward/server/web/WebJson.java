package io.keyward.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.webauthn.CreationOptions;
import io.keyward.server.webauthn.RequestOptions;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * JSON for the browser: WebAuthn options in the shape {@code PublicKeyCredential.parseCreationOptionsFromJSON} and
 * {@code parseRequestOptionsFromJSON} take (WebAuthn L3 §5.1.8, §5.1.9), and errors as
 * {@code {"error":{"code","message"}}} with the reason code's status.
 */
final class WebJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private WebJson() {
    }

    static ObjectNode creationOptions(CreationOptions options) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode pk = root.putObject("publicKey");
        pk.putObject("rp").put("id", options.rpId()).put("name", options.rpName());
        pk.putObject("user").put("id", options.userHandle()).put("name", options.userName()).put("displayName", options.userDisplayName());
        pk.put("challenge", options.challenge());
        ArrayNode params = pk.putArray("pubKeyCredParams");
        options.algorithms().forEach(alg -> params.addObject().put("type", "public-key").put("alg", alg));
        pk.put("timeout", options.timeoutMillis());
        descriptors(pk.putArray("excludeCredentials"), options.excludeCredentials());
        pk.putObject("authenticatorSelection").put("residentKey", "required").put("requireResidentKey", true)
                .put("userVerification", "required");
        pk.put("attestation", "direct");
        root.put("challengeExpires", options.challengeExpires().toString());
        return root;
    }

    static ObjectNode requestOptions(RequestOptions options) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode pk = root.putObject("publicKey");
        pk.put("challenge", options.challenge());
        pk.put("rpId", options.rpId());
        pk.put("timeout", options.timeoutMillis());
        pk.put("userVerification", "required");
        descriptors(pk.putArray("allowCredentials"), options.allowCredentials());
        root.put("challengeExpires", options.challengeExpires().toString());
        return root;
    }

    private static void descriptors(ArrayNode array, java.util.List<CreationOptions.CredentialDescriptor> credentials) {
        credentials.forEach(c -> {
            ObjectNode d = array.addObject().put("type", "public-key").put("id", c.id());
            ArrayNode transports = d.putArray("transports");
            c.transports().forEach(transports::add);
        });
    }

    static JsonNode read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new Refused(ReasonCode.PAYLOAD_TOO_LARGE, "The request is too large.");
            }
            JsonNode node = bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw Refused.invalid("The request must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw Refused.invalid("The request is not valid JSON.");
        }
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    static String required(JsonNode node, String field) {
        return text(node, field).filter(s -> !s.isBlank()).orElseThrow(() -> Refused.invalid("'" + field + "' is required."));
    }

    static Response ok(JsonNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    static Response error(Refused refused) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error").put("code", refused.reason().code()).put("message", refused.getMessage());
        if (refused instanceof io.keyward.server.access.ConditionalAccessRefused access && !access.qualifyingModels().isEmpty()) {
            // The sign-in page lists the passkey models that would satisfy the app.
            access.qualifyingModels().forEach(error.putArray("qualifyingModels")::add);
        }
        return Response.status(ReasonStatuses.of(refused.reason())).type(MediaType.APPLICATION_JSON_TYPE).entity(root.toString()).build();
    }
}
