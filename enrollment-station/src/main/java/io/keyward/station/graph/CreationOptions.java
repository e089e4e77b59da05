package io.keyward.station.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The parts of Graph's webauthnCredentialCreationOptions (GRAPH-API.md §2.3) the station hands to the key.
 *
 * @param challenge        base64url challenge, copied verbatim into clientDataJSON
 * @param userId           the decoded {@code publicKey.user.id}
 * @param algorithms       COSE algorithms in the server's order of preference
 * @param excludeCredentialIds credential ids already registered for the user
 * @param challengeExpires after this the server refuses the registration
 */
public record CreationOptions(String challenge, String rpId, String rpName, byte[] userId, String userName,
                              String userDisplayName, List<Integer> algorithms, List<byte[]> excludeCredentialIds,
                              Instant challengeExpires) {

    static CreationOptions from(JsonNode options) {
        JsonNode publicKey = options.path("publicKey");
        List<Integer> algorithms = new ArrayList<>();
        publicKey.path("pubKeyCredParams").forEach(parameter -> algorithms.add(parameter.path("alg").asInt()));
        List<byte[]> excluded = new ArrayList<>();
        publicKey.path("excludeCredentials").forEach(descriptor -> excluded.add(base64url(descriptor.path("id").asText())));
        return new CreationOptions(publicKey.path("challenge").asText(), publicKey.path("rp").path("id").asText(),
                publicKey.path("rp").path("name").asText(publicKey.path("rp").path("id").asText()),
                base64url(publicKey.path("user").path("id").asText()), publicKey.path("user").path("name").asText(),
                publicKey.path("user").path("displayName").asText(), List.copyOf(algorithms), List.copyOf(excluded),
                Instant.parse(options.path("challengeTimeoutDateTime").asText()));
    }

    static byte[] base64url(String value) {
        return Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_').replace("=", ""));
    }
}
