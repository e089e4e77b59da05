package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code "@keyward.provisioning"} on POST fido2Methods (graph-api.md, "How a key was provisioned"): what the
 * enrollment station did to the key's PIN reaches the registration's directory audit entry as additionalDetails;
 * the annotation is read strictly, and a malformed one registers nothing.
 */
class ProvisioningAnnotationIT extends GraphIT {

    static final String STATED = "{\"pinSet\":true,\"pinChangeForced\":true,\"minimumPinLength\":8,\"alwaysUv\":false}";

    String userId;

    @BeforeEach
    void arrange() {
        userId = graph.post("users", admin, userJson(upn("annotated"), "Annotated")).json().get("id").asText();
    }

    @Test
    void whatTheStationDidToThePinIsInTheAuditEntryOfTheRegistration() {
        Graph.Reply created = post(bodyWith(creationOptionsFor(userId), STATED));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode entry = registrationEntry();
        assertThat(entry.path("initiatedBy").path("app").path("displayName").asText()).endsWith("(operator: Olga Operator)");
        assertThat(entry.get("additionalDetails").toString()).isEqualTo("[{\"key\":\"pinSet\",\"value\":\"true\"},"
                + "{\"key\":\"pinChangeForced\",\"value\":\"true\"},{\"key\":\"minimumPinLength\",\"value\":\"8\"},"
                + "{\"key\":\"alwaysUv\",\"value\":\"false\"}]");
        assertThat(created.json().has("@keyward.provisioning")).as("not echoed in the fido2AuthenticationMethod").isFalse();
    }

    @Test
    void aRegistrationWithoutItHasNoAdditionalDetails() {
        Graph.Reply created = post(Provisioning.body(Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN,
                creationOptionsFor(userId)), "Plain key"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(registrationEntry().get("additionalDetails").isArray()).isTrue();
        assertThat(registrationEntry().get("additionalDetails")).isEmpty();
    }

    @Test
    void aMalformedAnnotationIsRefusedAndRegistersNothing() {
        JsonNode options = creationOptionsFor(userId);
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("\"yes\"", "must be an object");
        malformed.put("{\"pinSet\":true,\"pinChangeForced\":false,\"pin\":\"123456\"}", "no member 'pin'");
        malformed.put("{\"pinSet\":true}", "'@keyward.provisioning.pinChangeForced' is required");
        malformed.put("{\"pinSet\":\"true\",\"pinChangeForced\":false}", "'@keyward.provisioning.pinSet' must be true or false");
        malformed.put("{\"pinSet\":true,\"pinChangeForced\":false,\"minimumPinLength\":3}", "from 4 to 63");
        malformed.put("{\"pinSet\":true,\"pinChangeForced\":false,\"minimumPinLength\":64}", "from 4 to 63");
        malformed.put("{\"pinSet\":true,\"pinChangeForced\":false,\"minimumPinLength\":8.5}", "from 4 to 63");
        SoftAssertions soft = new SoftAssertions();
        malformed.forEach((annotation, message) -> {
            Graph.Reply refused = post(bodyWith(options, annotation));
            soft.assertThat(refused.status()).as(annotation + ": " + refused).isEqualTo(400);
            soft.assertThat(refused.errorCode()).as(annotation).isEqualTo("invalidRequest");
            soft.assertThat(refused.json().path("error").path("message").asText()).as(annotation).contains(message);
        });
        soft.assertThat(graph.get("users/" + userId + "/authentication/fido2Methods", admin).json().get("value")).isEmpty();
        soft.assertAll();

        Graph.Reply created = post(bodyWith(options, STATED));
        assertThat(created.status()).as("the refusals used nothing up: " + created).isEqualTo(201);
    }

    private Graph.Reply post(String body) {
        return graph.call("POST", graph.root().resolve("graph/beta/users/" + userId + "/authentication/fido2Methods").toString(),
                admin, body, "X-Keyward-Operator", "Olga Operator");
    }

    /** A provisioning body from a fresh software key for {@code options}, with the annotation's JSON text. */
    static String bodyWith(JsonNode options, String annotation) {
        try {
            ObjectNode body = (ObjectNode) Graph.JSON.readTree(Provisioning.body(Provisioning.create(new PackedAuthenticator(),
                    PasskeyProvisioningIT.ORIGIN, options), "Station key"));
            body.set("@keyward.provisioning", Graph.JSON.readTree(annotation));
            return body.toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode registrationEntry() {
        JsonNode value = graph.get("auditLogs/directoryAudits?$top=50&$filter=activityDisplayName%20eq%20%27User%20registered%20security%20info%27",
                admin).json().get("value");
        return StreamSupport.stream(value.spliterator(), false)
                .filter(e -> e.get("targetResources").toString().contains(userId) && "success".equals(e.path("result").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no registration entry for " + userId + " in " + value));
    }
}
