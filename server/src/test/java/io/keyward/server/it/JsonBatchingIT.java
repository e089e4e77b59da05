package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph JSON batching over HTTP ({@code POST /$batch}): the answers of the requests inside, dependsOn, the 20-request
 * limit, each request authorized with the batch's token as if sent alone, and URLs that try to leave the Graph API.
 */
class JsonBatchingIT extends GraphIT {

    @Test
    void requestsInsideABatchAreAnsweredAsGraphAnswersThemAlone() {
        String upn = ITSupport.upn("batch");
        ObjectNode batch = batch(
                request("1", "POST", "/users", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"Batch Created\"}"),
                request("2", "GET", "/users/" + upn + "?$select=displayName,userPrincipalName", null).set("dependsOn", array("1")),
                request("3", "GET", "users?$top=1", null),
                request("4", "GET", "/users/" + UUID.randomUUID(), null));

        Graph.Reply reply = send("v1.0", batch, admin);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        Map<String, JsonNode> byId = byId(reply);
        assertThat(byId.get("1").get("status").asInt()).as(byId.get("1").toString()).isEqualTo(201);
        assertThat(byId.get("1").path("headers").path("Location").asText()).endsWith("/graph/v1.0/users/" + byId.get("1").path("body").path("id").asText());
        assertThat(byId.get("2").get("status").asInt()).isEqualTo(200);
        assertThat(byId.get("2").path("body").path("displayName").asText()).isEqualTo("Batch Created");
        assertThat(byId.get("2").path("body").path("@odata.context").asText()).contains("/graph/v1.0/$metadata#users(displayName,userPrincipalName)");
        assertThat(byId.get("3").path("body").path("value")).hasSize(1);
        assertThat(byId.get("3").path("body").path("@odata.nextLink").asText()).contains("/graph/v1.0/users?");
        assertThat(byId.get("4").get("status").asInt()).isEqualTo(404);
        assertThat(byId.get("4").path("body").path("error").path("code").asText()).isEqualTo("Request_ResourceNotFound");
        // Each request is a request of its own: its own request-id, also in its error envelope.
        String innerId = byId.get("4").path("headers").path("Request-Id").asText();
        assertThat(innerId).isNotBlank().isNotEqualTo(reply.header("request-id"));
        assertThat(byId.get("4").path("body").path("error").path("innerError").path("request-id").asText()).isEqualTo(innerId);
        // The answers come in the order sent.
        assertThat(reply.json().get("responses")).extracting(r -> r.get("id").asText()).containsExactly("1", "2", "3", "4");
    }

    @Test
    void theBetaBatchAnswersWithBetaResources() {
        Graph.Reply reply = send("beta", batch(request("a", "GET", "/users?$top=1", null)), admin);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(byId(reply).get("a").path("body").path("@odata.context").asText()).contains("/graph/beta/$metadata#users");
    }

    @Test
    void twentyRequestsAreAcceptedAndTwentyOneRefused() {
        ObjectNode twenty = batch();
        ObjectNode twentyOne = batch();
        for (int i = 1; i <= 21; i++) {
            if (i <= 20) {
                ((ArrayNode) twenty.get("requests")).add(request(Integer.toString(i), "GET", "/organization", null));
            }
            ((ArrayNode) twentyOne.get("requests")).add(request(Integer.toString(i), "GET", "/organization", null));
        }

        Graph.Reply accepted = send("v1.0", twenty, admin);
        Graph.Reply refused = send("v1.0", twentyOne, admin);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("responses")).hasSize(20).allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(200));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalidRequest");
        assertThat(refused.json().path("error").path("message").asText()).contains("at most 20 requests");
    }

    @Test
    void aFailedDependencyFailsItsDependantsWith424AndTheRestStillRuns() {
        String groupName = "Batch " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode batch = batch(
                request("bad", "POST", "/users", "{\"displayName\":\"No UPN\"}"),
                request("dependant", "POST", "/groups", "{\"displayName\":\"" + groupName + "\",\"securityEnabled\":true}")
                        .set("dependsOn", array("bad")),
                request("transitive", "GET", "/organization", null).set("dependsOn", array("dependant")),
                request("independent", "GET", "/organization", null));

        Graph.Reply reply = send("v1.0", batch, admin);

        Map<String, JsonNode> byId = byId(reply);
        assertThat(byId.get("bad").get("status").asInt()).isEqualTo(400);
        assertThat(byId.get("dependant").get("status").asInt()).isEqualTo(424);
        assertThat(byId.get("dependant").path("body").path("error").path("code").asText()).isEqualTo("failedDependency");
        assertThat(byId.get("dependant").path("body").path("error").path("message").asText()).contains("'bad'");
        assertThat(byId.get("transitive").get("status").asInt()).isEqualTo(424);
        assertThat(byId.get("independent").get("status").asInt()).isEqualTo(200);
        // The dependant never ran: no such group.
        assertThat(graph.get("groups?$filter=" + Graph.enc("displayName eq '" + groupName + "'"), admin).json().get("value")).isEmpty();
    }

    @Test
    void dependsOnRunsRequestsAfterTheirDependenciesWhateverTheOrderSent() {
        String upn = ITSupport.upn("order");
        ObjectNode batch = batch(
                request("read", "GET", "/users/" + upn, null).set("dependsOn", array("create")),
                request("create", "POST", "/users", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"Ordered\"}"));

        Map<String, JsonNode> byId = byId(send("v1.0", batch, admin));

        assertThat(byId.get("create").get("status").asInt()).isEqualTo(201);
        assertThat(byId.get("read").get("status").asInt()).isEqualTo(200);
    }

    @Test
    void aBatchWithADependencyCycleOrAnUnknownDependencyIsRefused() {
        Graph.Reply cycle = send("v1.0", batch(request("1", "GET", "/organization", null).set("dependsOn", array("2")),
                request("2", "GET", "/organization", null).set("dependsOn", array("1"))), admin);
        Graph.Reply unknown = send("v1.0", batch(request("1", "GET", "/organization", null).set("dependsOn", array("9"))), admin);
        Graph.Reply duplicate = send("v1.0", batch(request("1", "GET", "/organization", null), request("1", "GET", "/users", null)), admin);

        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.json().path("error").path("message").asText()).contains("cycle");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(duplicate.status()).isEqualTo(400);
    }

    @Test
    void eachRequestIsAuthorizedWithTheBatchTokenAsIfSentAlone() {
        String readOnly = graph.tokenWith("User.Read.All");
        ObjectNode batch = batch(
                request("read", "GET", "/users?$top=1", null),
                request("write", "POST", "/users", ITSupport.userJson(ITSupport.upn("x"), "Not allowed")),
                request("groups", "GET", "/groups", null));

        Graph.Reply reply = send("v1.0", batch, readOnly);

        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonNode> byId = byId(reply);
        assertThat(byId.get("read").get("status").asInt()).isEqualTo(200);
        assertThat(byId.get("write").get("status").asInt()).isEqualTo(403);
        assertThat(byId.get("write").path("body").path("error").path("code").asText()).isEqualTo("Authorization_RequestDenied");
        assertThat(byId.get("write").path("body").path("error").path("message").asText()).contains("User.ReadWrite.All");
        assertThat(byId.get("groups").get("status").asInt()).isEqualTo(403);
    }

    @Test
    void anAuthorizationHeaderInsideTheBatchIsIgnored() {
        String readOnly = graph.tokenWith("User.Read.All");
        ObjectNode write = request("write", "POST", "/users", ITSupport.userJson(ITSupport.upn("y"), "Smuggled"));
        ((ObjectNode) write.get("headers")).put("Authorization", "Bearer " + admin);

        Graph.Reply reply = send("v1.0", batch(write), readOnly);

        assertThat(byId(reply).get("write").get("status").asInt()).isEqualTo(403);
    }

    @Test
    void aBatchWithoutAValidTokenIsRefusedWhole() {
        Graph.Reply none = send("v1.0", batch(request("1", "GET", "/organization", null)), null);
        Graph.Reply forged = send("v1.0", batch(request("1", "GET", "/organization", null)), admin.substring(0, admin.length() - 4) + "AAAA");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("unauthenticated");
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void urlsThatLeaveTheGraphApiAreRefusedInsideTheBatch() {
        String[] escapes = {"/../../.well-known/openid-configuration", "../signin", "/users/../../../admin", "/%2e%2e/%2e%2e/signin",
                "/users/%2F..%2F..%2Fsignin", "http://evil.example/graph/v1.0/users", "//evil.example/users", "/users\\..\\..\\signin",
                "/$batch", "/users/./../../" + TestDirectory.tenantId() + "/oauth2/v2.0/token", "/users;jsessionid=1", "/us ers"};
        ObjectNode batch = batch();
        for (int i = 0; i < escapes.length; i++) {
            ((ArrayNode) batch.get("requests")).add(request(Integer.toString(i), "GET", escapes[i], null));
        }

        Graph.Reply reply = send("v1.0", batch, admin);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        for (JsonNode response : reply.json().get("responses")) {
            String url = escapes[response.get("id").asInt()];
            assertThat(response.get("status").asInt()).as(url).isEqualTo(400);
            assertThat(response.path("body").path("error").path("code").asText()).as(url).isEqualTo("invalidRequest");
            assertThat(response.path("body").path("error").path("message").asText()).as(url).contains("not a Graph path");
        }
    }

    @Test
    void aVersionPrefixInsideTheBatchStaysUnderTheBatchVersion() {
        Graph.Reply reply = send("v1.0", batch(request("1", "GET", "/beta/users", null)), admin);

        assertThat(byId(reply).get("1").get("status").asInt()).isEqualTo(404);
    }

    @Test
    void aBodyWithoutContentTypeIsRefusedInsideTheBatch() {
        ObjectNode create = request("1", "POST", "/groups", "{\"displayName\":\"No type\",\"securityEnabled\":true}");
        ((ObjectNode) create.get("headers")).remove("Content-Type");

        Graph.Reply reply = send("v1.0", batch(create), admin);

        assertThat(byId(reply).get("1").get("status").asInt()).isEqualTo(400);
        assertThat(byId(reply).get("1").path("body").path("error").path("message").asText()).contains("Content-Type");
    }

    @Test
    void twoRequestsToTheSameResourceWithDifferentPathParametersEachActOnTheirOwn() {
        String first = graph.post("users", admin, ITSupport.userJson(ITSupport.upn("first"), "First")).json().get("id").asText();
        String second = graph.post("users", admin, ITSupport.userJson(ITSupport.upn("second"), "Second")).json().get("id").asText();

        Map<String, JsonNode> byId = byId(send("v1.0", batch(
                request("1", "GET", "/users/" + first + "/authentication/methods", null),
                request("2", "GET", "/users/" + second + "/authentication/methods", null),
                request("3", "GET", "/users/" + first, null),
                request("4", "GET", "/users/" + second, null)), admin));

        assertThat(byId.get("3").path("body").path("id").asText()).isEqualTo(first);
        assertThat(byId.get("4").path("body").path("id").asText()).isEqualTo(second);
        assertThat(byId.get("1").path("body").path("@odata.context").asText()).contains(first);
        assertThat(byId.get("2").path("body").path("@odata.context").asText()).contains(second);
    }

    private Graph.Reply send(String version, ObjectNode batch, String token) {
        return graph.call("POST", graph.root().resolve("graph/" + version + "/$batch").toString(), token, batch.toString());
    }

    static ObjectNode batch(ObjectNode... requests) {
        ObjectNode root = Graph.JSON.createObjectNode();
        ArrayNode list = root.putArray("requests");
        for (ObjectNode request : requests) {
            list.add(request);
        }
        return root;
    }

    static ObjectNode request(String id, String method, String url, String body) {
        ObjectNode request = Graph.JSON.createObjectNode();
        request.put("id", id);
        request.put("method", method);
        request.put("url", url);
        ObjectNode headers = request.putObject("headers");
        if (body != null) {
            headers.put("Content-Type", "application/json");
            try {
                request.set("body", Graph.JSON.readTree(body));
            } catch (java.io.IOException e) {
                request.put("body", body);
            }
        }
        return request;
    }

    static ArrayNode array(String... values) {
        ArrayNode array = Graph.JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    static Map<String, JsonNode> byId(Graph.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        reply.json().get("responses").forEach(r -> byId.put(r.get("id").asText(), r));
        return byId;
    }
}
