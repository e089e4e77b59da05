package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBatchTest {

    @ParameterizedTest
    @CsvSource({
            "/users, /graph/v1.0/users",
            "users, /graph/v1.0/users",
            "/users?$top=2&$select=id, /graph/v1.0/users?$top=2&$select=id",
            "/users/jane@contoso.com/authentication/fido2Methods, /graph/v1.0/users/jane@contoso.com/authentication/fido2Methods",
            "/users?$filter=startswith(displayName%2C'A'), /graph/v1.0/users?$filter=startswith(displayName%2C'A')",
            "/users/a?$select=../x, /graph/v1.0/users/a?$select=../x"})
    void aRelativeGraphUrlIsDispatchedUnderTheBatchVersion(String url, String target) {
        assertThat(JsonBatch.target("v1.0", url)).contains(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "..", "/..", "/../signin", "/users/../../signin", "/users/..", "/./users", "/users//x",
            "/%2e%2e/signin", "/%2E%2E/signin", "/users%2f..%2f..%2fsignin", "/users%5c..", "/users%00", "/users%252e%252e",
            "http://evil.example/users", "//evil.example/users", "\\\\evil\\users", "/users\\..\\signin", "/users#frag",
            "/us ers", "/users\t", "/usérs", "/$batch", "/$BATCH", "/users;jsessionid=x"})
    void anythingElseIsRefused(String url) {
        assertThat(JsonBatch.target("v1.0", url)).isEmpty();
    }

    @Test
    void twentyRequestsParseAndTwentyOneAreRefused() {
        assertThat(JsonBatch.parse(batch(20)).requests()).hasSize(20);
        assertThatThrownBy(() -> JsonBatch.parse(batch(21))).isInstanceOf(Refused.class).hasMessageContaining("at most 20");
    }

    @Test
    void dependenciesRunFirstAndACycleIsRefused() {
        ObjectNode root = batch(3);
        ((ObjectNode) root.get("requests").get(0)).putArray("dependsOn").add("3");
        ((ObjectNode) root.get("requests").get(2)).putArray("dependsOn").add("2");

        assertThat(JsonBatch.parse(root).executionOrder()).extracting(JsonBatch.Request::id).containsExactly("2", "3", "1");

        ((ObjectNode) root.get("requests").get(1)).putArray("dependsOn").add("1");
        assertThatThrownBy(() -> JsonBatch.parse(root).executionOrder()).isInstanceOf(Refused.class).hasMessageContaining("cycle");
    }

    @Test
    void malformedBatchesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> JsonBatch.parse(GraphJson.MAPPER.createObjectNode())).hasMessageContaining("'requests' array");
        assertThatThrownBy(() -> JsonBatch.parse(batch(0))).hasMessageContaining("at least one");
        ObjectNode unknownMethod = batch(1);
        ((ObjectNode) unknownMethod.get("requests").get(0)).put("method", "TRACE");
        assertThatThrownBy(() -> JsonBatch.parse(unknownMethod)).hasMessageContaining("TRACE");
        ObjectNode extra = batch(1);
        ((ObjectNode) extra.get("requests").get(0)).put("atomicityGroup", "x");
        assertThatThrownBy(() -> JsonBatch.parse(extra)).hasMessageContaining("atomicityGroup");
        ObjectNode self = batch(1);
        ((ObjectNode) self.get("requests").get(0)).putArray("dependsOn").add("1");
        assertThatThrownBy(() -> JsonBatch.parse(self)).hasMessageContaining("depends on '1'");
    }

    private static ObjectNode batch(int size) {
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        var requests = root.putArray("requests");
        for (int i = 1; i <= size; i++) {
            requests.addObject().put("id", Integer.toString(i)).put("method", "GET").put("url", "/organization");
        }
        return root;
    }
}
