package io.keyward.station.graph;

import com.fasterxml.jackson.databind.JsonNode;

/** The fido2AuthenticationMethod Keyward created (201 of POST fido2Methods). */
public record RegisteredPasskey(String id, String displayName, String aaGuid, String model, String attestationLevel) {

    static RegisteredPasskey from(JsonNode method) {
        return new RegisteredPasskey(method.path("id").asText(), method.path("displayName").asText(),
                method.path("aaGuid").asText(), method.path("model").asText(), method.path("attestationLevel").asText());
    }
}
