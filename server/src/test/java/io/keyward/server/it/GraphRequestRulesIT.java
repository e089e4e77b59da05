package io.keyward.server.it;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Graph takes and refuses at the protocol level: JSON only (415), bodies up to the limit (413, also above the
 * container's own limit), the query options Keyward implements (400 naming any other), UPNs in the tenant's verified
 * domains, and the framework's own refusals in the error envelope with a reason code.
 */
class GraphRequestRulesIT extends GraphIT {

    @Test
    void aWriteWhoseBodyIsNotJsonIs415InTheEnvelopeAndChangesNothing() {
        String group = "{\"displayName\":\"Not JSON " + upn("g") + "\",\"securityEnabled\":true}";
        long groupsBefore = TestDirectory.count("select count(*) from directory_group");
        SoftAssertions soft = new SoftAssertions();
        for (String contentType : new String[]{"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            Graph.Reply reply = Graph.send(HttpRequest.newBuilder(URI.create(graph.v1("groups")))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(group)));
            soft.assertThat(reply.status()).as(contentType + ": " + reply).isEqualTo(415);
            soft.assertThat(reply.errorCode()).as(contentType).isEqualTo("unsupportedMediaType");
            soft.assertThat(reply.json().path("error").path("message").asText()).as(contentType).contains("application/json");
        }
        Graph.Reply missing = Graph.send(HttpRequest.newBuilder(URI.create(graph.v1("groups")))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.ofString(group)));
        soft.assertThat(missing.status()).as("no Content-Type: " + missing).isEqualTo(415);
        soft.assertAll();
        assertThat(TestDirectory.count("select count(*) from directory_group")).isEqualTo(groupsBefore);
    }

    @Test
    void jsonWithACharsetIsJson() {
        Graph.Reply reply = Graph.send(HttpRequest.newBuilder(URI.create(graph.v1("groups")))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Charset\",\"securityEnabled\":true}")));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheContainersOwnLimitIs413InTheEnvelope() {
        byte[] body = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');

        Graph.Reply reply = Graph.send(HttpRequest.newBuilder(URI.create(graph.v1("groups")))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("requestTooLarge");
    }

    @Test
    void queryOptionsKeywardDoesNotImplementAreRefusedNamingThem() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("groups/" + java.util.UUID.randomUUID() + "/members?$search=%22displayName:jo%22", "$search");
        queries.put("auditLogs/signIns?$search=%22userDisplayName:jo%22", "$search");
        queries.put("users?$orderby=displayName", "$orderby");
        queries.put("groups?$expand=members", "$expand");
        queries.put("users?$skip=10", "$skip");
        queries.put("users/" + java.util.UUID.randomUUID() + "?$expand=memberOf", "$expand");
        queries.put("users?orderby=displayName", "$orderby");
        SoftAssertions soft = new SoftAssertions();
        queries.forEach((query, option) -> {
            Graph.Reply reply = graph.get(query, admin, "ConsistencyLevel", "eventual");
            soft.assertThat(reply.status()).as(query + ": " + reply).isEqualTo(400);
            soft.assertThat(reply.errorCode()).as(query).isEqualTo("invalidRequest");
            soft.assertThat(reply.json().path("error").path("message").asText()).as(query).contains(option, "not supported");
        });
        soft.assertAll();
    }

    @Test
    void searchFindsUsersByAWordOfTheirNameAndCountsThem() {
        String word = "Zq" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String found = graph.post("users", admin, userJson(upn("search"), "Jane " + word + " Doe")).json().get("id").asText();
        graph.post("users", admin, userJson(upn("search"), "Jane Doe" + word));
        String search = "$search=%22displayName:" + word.toLowerCase() + "%22";

        Graph.Reply list = graph.get("users?" + search, admin, "ConsistencyLevel", "eventual");
        Graph.Reply count = graph.get("users/$count?" + search, admin, "ConsistencyLevel", "eventual");
        Graph.Reply withoutConsistency = graph.get("users?" + search, admin);

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("value").findValuesAsText("id")).containsExactly(found);
        assertThat(count.body()).isEqualTo("1");
        assertThat(withoutConsistency.status()).isEqualTo(400);
        assertThat(withoutConsistency.json().path("error").path("message").asText()).contains("$search requires", "ConsistencyLevel");
    }

    @Test
    void aMemberUpnOutsideTheVerifiedDomainsIsRefused() {
        String user = graph.post("users", admin, userJson(upn("domain"), "Domain")).json().get("id").asText();

        Graph.Reply created = graph.post("users", admin, userJson("ceo." + java.util.UUID.randomUUID().toString().substring(0, 8)
                + "@fabrikam.example", "Impostor"));
        Graph.Reply renamed = graph.patch("users/" + user, admin, "{\"userPrincipalName\":\"ceo@fabrikam.example\"}");

        for (Graph.Reply reply : new Graph.Reply[]{created, renamed}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("invalidRequest");
            assertThat(reply.json().path("error").path("message").asText()).contains("'fabrikam.example' is not a verified domain");
        }
    }

    @Test
    void theOrganizationListsTheVerifiedDomains() {
        Graph.Reply reply = graph.get("organization", admin);

        assertThat(reply.json().path("value").path(0).path("verifiedDomains").findValuesAsText("name")).contains("it.example", "matrix.example");
    }

    @Test
    void frameworkRefusalsUseTheEnvelopeAndAReasonCode() {
        Graph.Reply unknownPath = graph.get("unicorns", admin);
        Graph.Reply wrongMethod = graph.call("PUT", graph.v1("users"), admin, "{}");
        Graph.Reply notAcceptable = graph.get("users", admin, "Accept", "image/png");

        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.errorCode()).isEqualTo("Request_ResourceNotFound");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("methodNotAllowed");
        assertThat(wrongMethod.header("Allow")).contains("GET", "POST");
        assertThat(notAcceptable.status()).isEqualTo(406);
        assertThat(notAcceptable.errorCode()).isEqualTo("notAcceptable");
        assertThat(notAcceptable.json().path("error").path("innerError").path("request-id").asText()).isNotBlank();
    }
}
