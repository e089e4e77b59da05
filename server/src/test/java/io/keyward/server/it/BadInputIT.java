package io.keyward.server.it;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind gets a clear 4xx in the Graph envelope, never a 500, and writes nothing: the user,
 * group and audit tables are unchanged after each refused call.
 */
class BadInputIT extends GraphIT {

    @Test
    void malformedUserBodiesAreRefusedWithoutWritingAnything() {
        String upn = upn("bad");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"userPrincipalName\": ");
        bodies.put("not an object", "[\"" + upn + "\"]");
        bodies.put("a JSON string", "\"{\\\"userPrincipalName\\\":\\\"" + upn + "\\\"}\"");
        bodies.put("empty body", "");
        bodies.put("duplicate keys", "{\"userPrincipalName\":\"" + upn + "\",\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"D\"}");
        bodies.put("trailing data", userJson(upn, "T") + " {}");
        bodies.put("unknown property", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"U\",\"favouriteColour\":\"blue\"}");
        bodies.put("wrong type for boolean", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"W\",\"accountEnabled\":\"yes\"}");
        bodies.put("wrong type for string", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":42}");
        bodies.put("object for string", "{\"userPrincipalName\":{\"a\":1},\"displayName\":\"O\"}");
        bodies.put("missing UPN", "{\"displayName\":\"No UPN\"}");
        bodies.put("invalid UPN", userJson("no-at-sign", "Bad UPN"));
        bodies.put("UPN too long", userJson("x".repeat(65) + "@it.example", "Long"));
        bodies.put("blank display name", userJson(upn, "  "));
        bodies.put("wrong @odata.type", "{\"@odata.type\":\"#microsoft.graph.group\",\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"X\"}");
        bodies.put("guest via /users", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"G\",\"userType\":\"Guest\"}");
        bodies.put("short password", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"P\",\"passwordProfile\":{\"password\":\"short\"}}");
        bodies.put("deep nesting", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"N\",\"passwordProfile\":"
                + "[".repeat(200) + "]".repeat(200) + "}");

        long usersBefore = TestDirectory.count("select count(*) from directory_user");
        long auditsBefore = TestDirectory.count("select count(*) from directory_audit");
        SoftAssertions soft = new SoftAssertions();
        bodies.forEach((name, body) -> {
            Graph.Reply reply = graph.call("POST", graph.v1("users"), admin, body);
            soft.assertThat(reply.status()).as(name + ": " + reply).isEqualTo(400);
            soft.assertThat(reply.errorCode()).as(name).isEqualTo("invalidRequest");
            soft.assertThat(reply.json().path("error").path("message").asText()).as(name).isNotBlank();
        });
        soft.assertAll();
        assertThat(TestDirectory.count("select count(*) from directory_user")).isEqualTo(usersBefore);
        assertThat(TestDirectory.count("select count(*) from directory_audit")).isEqualTo(auditsBefore);
    }

    @Test
    void oversizedBodyIs413() {
        String body = "{\"userPrincipalName\":\"" + upn("big") + "\",\"displayName\":\"" + "x".repeat(70_000) + "\"}";

        Graph.Reply reply = graph.post("users", admin, body);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("requestTooLarge");
    }

    @Test
    void invalidIdentifiersAreNotFoundOrBadRequestNeverServerErrors() {
        SoftAssertions soft = new SoftAssertions();
        for (String path : new String[]{"users/not-a-guid", "users/00000000-0000-0000-0000-00000000000g", "groups/not-a-guid",
                "groups/12345", "organization/nope", "groups/not-a-guid/members"}) {
            Graph.Reply reply = graph.get(path, admin);
            soft.assertThat(reply.status()).as(path + ": " + reply).isEqualTo(404);
            soft.assertThat(reply.errorCode()).as(path).isEqualTo("Request_ResourceNotFound");
        }
        Graph.Reply badAudit = graph.get("auditLogs/directoryAudits/not-a-guid", admin);
        soft.assertThat(badAudit.status()).isEqualTo(400);
        Graph.Reply badRef = graph.post("groups/" + java.util.UUID.randomUUID() + "/members/$ref", admin,
                "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/not-a-guid\"}");
        soft.assertThat(badRef.status()).as(badRef.toString()).isIn(400, 404);
        soft.assertAll();
    }

    @Test
    void badQueryOptionsAreRefusedWithTheReason() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("$top=0", "page size");
        queries.put("$top=abc", "page size");
        queries.put("$top=100000", "page size");
        queries.put("$skiptoken=garbage", "skiptoken");
        queries.put("$filter=displayName%20eq", "Invalid $filter");
        queries.put("$filter=displayName%20eq%20unquoted", "Invalid $filter");
        queries.put("$filter=favouriteColour%20eq%20%27blue%27", "favouriteColour");
        queries.put("$filter=accountEnabled%20eq%20%27yes%27", "true or false");
        queries.put("$filter=userType%20eq%20%27Alien%27", "not a valid value");
        queries.put("$select=id,favouriteColour", "favouriteColour");
        queries.put("$count=maybe", "$count");
        SoftAssertions soft = new SoftAssertions();
        queries.forEach((query, expected) -> {
            Graph.Reply reply = graph.get("users?" + query, admin, "ConsistencyLevel", "eventual");
            soft.assertThat(reply.status()).as(query + ": " + reply).isEqualTo(400);
            soft.assertThat(reply.errorCode()).as(query).isEqualTo("invalidRequest");
            soft.assertThat(reply.json().path("error").path("message").asText()).as(query).contains(expected);
        });
        soft.assertAll();
    }

    @Test
    void filterLiteralsOfTheWrongTypeAndDeepNestingAreRefusedNotServerErrors() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("users?$filter=accountEnabled eq 'yes'", "true or false");
        queries.put("users?$filter=startswith(accountEnabled,'t')", "string properties");
        queries.put("users?$filter=accountEnabled ge true", "use eq or ne");
        queries.put("users?$filter=displayName eq 5", "string literal");
        queries.put("auditLogs/directoryAudits?$filter=activityDateTime ge 5", "date-time");
        queries.put("auditLogs/directoryAudits?$filter=activityDateTime ge 'yesterday'", "date-time");
        queries.put("auditLogs/signIns?$filter=createdDateTime le true", "date-time");
        queries.put("users?$filter=" + "(".repeat(17) + "displayName eq 'a'" + ")".repeat(17), "nest deeper");
        SoftAssertions soft = new SoftAssertions();
        queries.forEach((query, expected) -> {
            Graph.Reply reply = graph.get(query.replace(" ", "%20").replace("'", "%27").replace("(", "%28").replace(")", "%29"), admin);
            soft.assertThat(reply.status()).as(query.substring(0, Math.min(80, query.length())) + ": " + reply).isEqualTo(400);
            soft.assertThat(reply.errorCode()).as(query).isEqualTo("invalidRequest");
            soft.assertThat(reply.json().path("error").path("message").asText()).as(query).contains(expected);
        });
        soft.assertAll();
    }

    /** 5,000 parentheses overflowed the parser's stack (a 500 and 100 KB of log); over HTTP/1.1, as HTTP/2 caps header size. */
    @Test
    void deeplyNestedFilterIsRefusedNotAStackOverflow() {
        String filter = ("(".repeat(5000) + "displayName eq 'a'" + ")".repeat(5000)).replace(" ", "%20").replace("'", "%27")
                .replace("(", "%28").replace(")", "%29");

        Graph.Reply reply = Graph.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(graph.v1("groups?$filter=" + filter)))
                .version(java.net.http.HttpClient.Version.HTTP_1_1).header("Authorization", "Bearer " + admin).GET());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalidRequest");
        assertThat(reply.json().path("error").path("message").asText()).contains("nest deeper than 16");
    }

    @Test
    void malformedBodiesAreDescribedWithoutJavaClassNames() {
        SoftAssertions soft = new SoftAssertions();
        for (String body : new String[]{"{\"displayName\":\"x\"", "{\"displayName\": " + "9".repeat(80) + "}",
                "{\"displayName\":\"x\", \"securityEnabled\": tru}", "[".repeat(100)}) {
            Graph.Reply reply = graph.post("groups", admin, body);
            soft.assertThat(reply.status()).as(body).isEqualTo(400);
            soft.assertThat(reply.json().path("error").path("message").asText()).as(body)
                    .startsWith("The request body is not valid JSON")
                    .doesNotContain("`", "[Source", "StreamRead", "Exception", "com.fasterxml", "java.");
        }
        soft.assertAll();
    }

    @Test
    void unknownPathsAndMethodsUseTheEnvelope() {
        Graph.Reply unknown = graph.get("unicorns", admin);
        Graph.Reply method = graph.call("PUT", graph.v1("users"), admin, "{}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("code").asText()).isNotBlank();
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().path("error").path("code").asText()).isNotBlank();
    }

    @Test
    void aRefusedMembersBindLeavesTheGroupUnchanged() {
        String groupId = graph.post("groups", admin, "{\"displayName\":\"Atomic\",\"securityEnabled\":true}").json().get("id").asText();

        Graph.Reply reply = graph.patch("groups/" + groupId, admin, "{\"displayName\":\"Renamed\",\"members@odata.bind\":"
                + "[\"https://graph.microsoft.com/v1.0/directoryObjects/not-a-guid\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(graph.get("groups/" + groupId, admin).json().get("displayName").asText()).isEqualTo("Atomic");
    }

    @Test
    void clientRequestIdIsEchoedInHeaderAndEnvelope() {
        Graph.Reply reply = graph.call("GET", graph.v1("users/not-a-guid"), admin, null, "client-request-id", "abc-123");

        assertThat(reply.header("client-request-id")).isEqualTo("abc-123");
        assertThat(reply.json().path("error").path("innerError").path("client-request-id").asText()).isEqualTo("abc-123");
        assertThat(reply.json().path("error").path("innerError").path("date").asText()).isNotBlank();
    }
}
