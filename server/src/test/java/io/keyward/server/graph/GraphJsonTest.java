package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading request bodies: GRAPH-API.md §8 maps every malformed body to invalidRequest (400). */
class GraphJsonTest {

    private static final int LIMIT = 1024;

    @Test
    void objectBodyIsRead() {
        ObjectNode body = read("{\"displayName\":\"Jane\",\"accountEnabled\":true}");

        assertThat(body.get("displayName").asText()).isEqualTo("Jane");
        assertThat(body.get("accountEnabled").booleanValue()).isTrue();
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() {
        String padding = "x".repeat(LIMIT - "{\"a\":\"\"}".length());

        assertThat(read("{\"a\":\"" + padding + "\"}").get("a").asText()).hasSize(padding.length());
    }

    @Test
    void emptyBodyIsRefusedNamingTheEntity() {
        assertInvalid("", "missing a user entity", "body is empty");
    }

    @Test
    void absentBodyIsRefusedAsEmpty() {
        Refused refused = catchThrowableOfType(Refused.class, () -> GraphJson.readObject(null, LIMIT, "user"));

        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains("missing a user entity", "body is empty");
    }

    @Test
    void arrayBodyIsRefused() {
        assertInvalid("[{\"displayName\":\"Jane\"}]", "missing a user entity", "must be a JSON object");
    }

    @Test
    void jsonStringBodyIsRefusedAsMissingEntity() {
        // Microsoft.Graph PowerShell >= 2.26 re-serializes a string body (GRAPH-API.md §2.4).
        assertInvalid("\"{\\\"displayName\\\":\\\"Jane\\\"}\"", "missing a user entity", "must be a JSON object");
    }

    @Test
    void whitespaceOnlyBodyIsRefused() {
        Refused refused = catchThrowableOfType(Refused.class, () -> read("   \n "));

        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains("missing a user entity");
    }

    @Test
    void malformedJsonIsRefused() {
        assertInvalid("{\"displayName\": Jane}", "not valid JSON", "Unrecognized token 'Jane'");
    }

    @Test
    void unterminatedObjectIsRefused() {
        assertInvalid("{\"displayName\":\"Jane\"", "not valid JSON");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertInvalid("{\"displayName\":\"Jane\",\"displayName\":\"Joe\"}", "not valid JSON", "Duplicate field 'displayName'");
    }

    @Test
    void trailingDataIsRefused() {
        assertInvalid("{\"displayName\":\"Jane\"} {\"x\":1}", "not valid JSON", "Trailing token");
    }

    @Test
    void bodyOverTheLimitIsRefusedAsTooLarge() {
        String big = "{\"a\":\"" + "x".repeat(LIMIT) + "\"}";

        Refused refused = catchThrowableOfType(Refused.class, () -> read(big));

        assertThat(refused.reason()).isEqualTo(ReasonCode.PAYLOAD_TOO_LARGE);
        assertThat(refused.getMessage()).contains("larger than the " + LIMIT + " bytes");
    }

    @Test
    void bodyOneByteOverTheLimitIsRefusedAsTooLarge() {
        String padding = "x".repeat(LIMIT - "{\"a\":\"\"}".length() + 1);

        Refused refused = catchThrowableOfType(Refused.class, () -> read("{\"a\":\"" + padding + "\"}"));

        assertThat(refused.reason()).isEqualTo(ReasonCode.PAYLOAD_TOO_LARGE);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"displayName\":\"x\"",
            "{\"displayName\": 99999999999999999999999999999999999999999999999999999999999999999999999}",
            "{\"displayName\":\"x\", \"securityEnabled\": tru}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "{\"a\":1}}"})
    void aMalformedBodyIsDescribedWithoutTheParsersClassNames(String json) {
        Refused refused = catchThrowableOfType(Refused.class, () -> read(json));

        assertThat(refused.getMessage()).startsWith("The request body is not valid JSON")
                .doesNotContain("`", "Source", "StreamRead", "Exception", "com.fasterxml", "java.");
    }

    private static ObjectNode read(String json) {
        return GraphJson.readObject(stream(json), LIMIT, "user");
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String json, String... words) {
        Refused refused = catchThrowableOfType(Refused.class, () -> read(json));

        assertThat(refused).as("refusal of %s", json).isNotNull();
        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains(List.of(words));
    }
}
