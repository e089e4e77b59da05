package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /users/delta} over HTTP, as a sync script uses it: a first round paged with nextLinks to a deltaLink,
 * then rounds that return only what changed, deletions as {@code @removed}, with {@code $select} remembered; a
 * deltaLink or nextLink Keyward did not issue is refused.
 */
class UsersDeltaIT extends GraphIT {

    @Test
    void theFirstRoundPagesThroughEveryUserAndEndsWithADeltaLink() {
        String created = createUser("first round");

        List<Graph.Reply> pages = round(graph.v1("users/delta?$top=2"));

        assertThat(pages).hasSizeGreaterThan(1);
        pages.subList(0, pages.size() - 1).forEach(page -> {
            assertThat(page.json().path("@odata.nextLink").asText()).contains("/graph/v1.0/users/delta?$skiptoken=");
            assertThat(page.json().has("@odata.deltaLink")).isFalse();
            assertThat(page.json().get("value").size()).isLessThanOrEqualTo(2);
        });
        JsonNode last = pages.get(pages.size() - 1).json();
        assertThat(last.path("@odata.deltaLink").asText()).contains("/graph/v1.0/users/delta?$deltatoken=");
        assertThat(last.has("@odata.nextLink")).isFalse();
        assertThat(ids(pages)).contains(created).doesNotHaveDuplicates();
        assertThat(ids(pages)).hasSize((int) TestDirectory.count("select count(*) from directory_user"));
    }

    @Test
    void theDeltaLinkReturnsOnlyUsersCreatedChangedOrDeletedSince() {
        String unchanged = createUser("unchanged");
        String changed = createUser("changed");
        String deleted = createUser("deleted");
        String deltaLink = finalPage(round(graph.v1("users/delta?$deltatoken=latest"))).json().path("@odata.deltaLink").asText();

        assertThat(graph.patch("users/" + changed, admin, "{\"displayName\":\"Changed since\"}").status()).isEqualTo(204);
        assertThat(graph.delete("users/" + deleted, admin).status()).isEqualTo(204);
        String created = createUser("created since");
        List<Graph.Reply> pages = round(deltaLink);

        Map<String, JsonNode> byId = byId(pages);
        assertThat(byId).containsKeys(changed, created, deleted).doesNotContainKey(unchanged);
        assertThat(byId.get(changed).path("displayName").asText()).isEqualTo("Changed since");
        assertThat(byId.get(created).path("userPrincipalName").asText()).isNotBlank();
        assertThat(byId.get(deleted).path("@removed").path("reason").asText()).isEqualTo("deleted");
        assertThat(byId.get(deleted).path("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(byId.get(deleted).has("displayName")).isFalse();

        // And the next round, from this round's deltaLink, has none of them.
        Map<String, JsonNode> after = byId(round(finalPage(pages).json().path("@odata.deltaLink").asText()));
        assertThat(after).doesNotContainKeys(changed, created, deleted, unchanged);
    }

    @Test
    void removalsArePagedLikeChanges() {
        String deltaLink = finalPage(round(graph.v1("users/delta?$deltatoken=latest&$top=1"))).json().path("@odata.deltaLink").asText();
        List<String> gone = List.of(createUser("gone 1"), createUser("gone 2"), createUser("gone 3"));
        gone.forEach(id -> assertThat(graph.delete("users/" + id, admin).status()).isEqualTo(204));

        List<Graph.Reply> pages = round(deltaLink);

        assertThat(pages.size()).isGreaterThanOrEqualTo(3);
        Map<String, JsonNode> byId = byId(pages);
        gone.forEach(id -> assertThat(byId.get(id).path("@removed").path("reason").asText()).isEqualTo("deleted"));
    }

    @Test
    void selectIsAnsweredAndRememberedByTheLinks() {
        String deltaLink = finalPage(round(graph.v1("users/delta?$deltatoken=latest&$select=displayName"))).json().path("@odata.deltaLink").asText();
        String created = createUser("selected");

        Graph.Reply page = finalPage(round(deltaLink));

        JsonNode user = byId(List.of(page)).get(created);
        assertThat(user.has("id")).isTrue();
        assertThat(user.has("displayName")).isTrue();
        assertThat(user.has("userPrincipalName")).isFalse();
        assertThat(page.json().path("@odata.context").asText()).endsWith("/graph/v1.0/$metadata#users(id,displayName)");
    }

    @Test
    void theFunctionCallFormAndBetaAnswerToo() {
        Graph.Reply call = graph.call("GET", graph.root().resolve("graph/beta/users/delta()?$deltatoken=latest").toString(), admin, null);

        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        assertThat(call.json().get("value")).isEmpty();
        assertThat(call.json().path("@odata.deltaLink").asText()).contains("/graph/beta/users/delta?$deltatoken=");
    }

    @Test
    void aForgedOrAlteredDeltaTokenIsRefused() {
        String deltaLink = finalPage(round(graph.v1("users/delta?$deltatoken=latest"))).json().path("@odata.deltaLink").asText();
        String token = deltaLink.substring(deltaLink.indexOf("$deltatoken=") + 12);
        String state = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        // The same state with an earlier watermark (every change ever), re-encoded without Keyward's key.
        String rewound = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(state.replaceFirst("^d\\|\\d+", "d|0").getBytes())
                + token.substring(token.indexOf('.'));

        for (String forged : List.of(rewound, token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA"), "garbage",
                "Zm9v.YmFy")) {
            Graph.Reply reply = graph.get("users/delta?$deltatoken=" + forged, admin);
            assertThat(reply.status()).as(forged).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("invalidRequest");
            assertThat(reply.json().path("error").path("message").asText()).contains("$deltatoken is not valid");
        }
    }

    @Test
    void aForgedSkipTokenIsRefused() {
        Graph.Reply reply = graph.get("users/delta?$skiptoken=" + Graph.enc("s|CHANGED|-1|999|||"), admin);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asText()).contains("$skiptoken is not valid");
    }

    @Test
    void filterIsRefusedRatherThanIgnored() {
        Graph.Reply reply = graph.get("users/delta?$filter=" + Graph.enc("displayName eq 'x'"), admin);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asText()).contains("$filter");
    }

    @Test
    void aDeltaTokenIsRefusedOnAnOrdinaryList() {
        Graph.Reply reply = graph.get("users?$deltatoken=latest", admin);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asText()).contains("$deltatoken");
    }

    private String createUser(String name) {
        Graph.Reply reply = graph.post("users", admin, ITSupport.userJson(ITSupport.upn("delta"), name));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    /** Every page of one round, from {@code url} through the nextLinks. */
    private List<Graph.Reply> round(String url) {
        List<Graph.Reply> pages = new ArrayList<>();
        String next = url;
        while (next != null) {
            Graph.Reply page = graph.call("GET", next, admin, null);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            pages.add(page);
            next = page.json().has("@odata.nextLink") ? page.json().get("@odata.nextLink").asText() : null;
            assertThat(pages).as("pages of one round").hasSizeLessThan(10_000);
        }
        return pages;
    }

    private static Graph.Reply finalPage(List<Graph.Reply> pages) {
        return pages.get(pages.size() - 1);
    }

    private static List<String> ids(List<Graph.Reply> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(p -> p.json().get("value").forEach(u -> ids.add(u.get("id").asText())));
        return ids;
    }

    private static Map<String, JsonNode> byId(List<Graph.Reply> pages) {
        Map<String, JsonNode> byId = new HashMap<>();
        pages.forEach(p -> p.json().get("value").forEach(u -> byId.put(u.get("id").asText(), u)));
        return byId;
    }
}
