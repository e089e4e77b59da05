package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The users, groups and guests lists as Graph queries: one page, a $search with Graph's escaping, $count, and paging by $skiptoken. */
class DirectoryListingTest {

    private static final String NEXT = "https://keyward.example/graph/v1.0/users?$select=id&$top=2&$count=true"
            + "&$search=%22displayName%3Aann%22&$skiptoken=YWZ0ZXI6MDAx";

    private final List<String> asked = new ArrayList<>();

    private Function<String, JsonObject> graphAnswering(JsonObject page) {
        return path -> {
            asked.add(path);
            return page;
        };
    }

    private static JsonObject page(long count, String nextLink, String... names) {
        var values = Json.createArrayBuilder();
        for (String name : names) {
            values.add(Json.createObjectBuilder().add("displayName", name));
        }
        var page = Json.createObjectBuilder().add("@odata.count", count).add("value", values);
        if (nextLink != null) {
            page.add("@odata.nextLink", nextLink);
        }
        return page.build();
    }

    @Test
    void aSearchIsOneQuotedClauseAPropertyJoinedByOrWithQuotesAndBackslashesEscaped() {
        assertThat(DirectoryQuery.search(List.of("displayName", "userPrincipalName"), " O\"Neil \\ Jr "))
                .isEqualTo("\"displayName:O\\\"Neil \\\\ Jr\" OR \"userPrincipalName:O\\\"Neil \\\\ Jr\"");
    }

    @Test
    void theFirstPageOfAllUsersAsksForOnePageAndTheCountWithoutASearch() {
        assertThat(UsersView.USERS.path())
                .isEqualTo("/users?$select=id,displayName,userPrincipalName,accountEnabled,userType&$top=50&$count=true");
    }

    @Test
    void guestsAreFilteredByTypeAndSearchedByNameOrMailOnALaterPage() {
        String path = GuestsView.GUESTS.text("a\"b").top(2).skipToken("YWZ0ZXI6MDAx").path();

        assertThat(path).isEqualTo("/users?$select=id,displayName,userPrincipalName,mail,userType,externalUserState&$top=2&$count=true"
                + "&$filter=userType%20eq%20%27Guest%27&$search=%22displayName%3Aa%5C%22b%22%20OR%20%22mail%3Aa%5C%22b%22"
                + "&$skiptoken=YWZ0ZXI6MDAx");
        assertThat(URLDecoder.decode(path, StandardCharsets.UTF_8)).contains("$search=\"displayName:a\\\"b\" OR \"mail:a\\\"b\"");
    }

    @Test
    void aPageShowsGraphsCountAndItsNextLinkKeepsTheSearchAndSizeWithOnlyGraphsSkipToken() {
        DirectoryListing<String> list = DirectoryListing.read(graphAnswering(page(3, NEXT, "Ann Lee", "Ann Ma")),
                new DirectoryListing.Asked("ann & co", "2", ""), GroupsView.GROUPS, g -> g.getString("displayName"));

        assertThat(asked).containsExactly("/groups?$select=id,displayName,description,securityEnabled,mailEnabled&$top=2&$count=true"
                + "&$search=%22displayName%3Aann%20%26%20co%22%20OR%20%22mail%3Aann%20%26%20co%22");
        assertThat(list.getRows()).containsExactly("Ann Lee", "Ann Ma");
        assertThat(list.getTotal()).isEqualTo(3);
        assertThat(list.getNextPage()).isEqualTo("q=ann%20%26%20co&top=2&skiptoken=YWZ0ZXI6MDAx");
        assertThat(list.getFirstPage()).isEqualTo("q=ann%20%26%20co&top=2");
        assertThat(list.isLaterPage()).isFalse();
        assertThat(list.summary("groups")).isEqualTo("3 groups match \u201cann & co\u201d, 2 on this page");
    }

    @Test
    void oneMatchIsSaidInTheSingular() {
        DirectoryListing<String> list = DirectoryListing.read(graphAnswering(page(1, null, "Ann Lee")),
                new DirectoryListing.Asked("ann", "", ""), GroupsView.GROUPS, g -> g.getString("displayName"));

        assertThat(list.summary("groups")).isEqualTo("1 group matches \u201cann\u201d");
    }

    @Test
    void theLastPageHasNoNextLinkAndKnowsItIsALaterPage() {
        DirectoryListing<String> list = DirectoryListing.read(graphAnswering(page(3, null, "Ann Ng")),
                new DirectoryListing.Asked("", "", "YWZ0ZXI6MDAx"), UsersView.USERS, u -> u.getString("displayName"));

        assertThat(asked.get(0)).endsWith("&$top=50&$count=true&$skiptoken=YWZ0ZXI6MDAx");
        assertThat(list.getNextPage()).isNull();
        assertThat(list.isLaterPage()).isTrue();
        assertThat(list.getFirstPage()).isEmpty();
    }

    @Test
    void aSearchGraphRefusesShowsGraphsWordsAndItsCodeAndNoRows() {
        DirectoryListing<String> list = DirectoryListing.read(path -> {
            throw new GraphRefused(400, "invalidRequest", "A $search text is at most 256 characters; the one for 'displayName' has 300.");
        }, new DirectoryListing.Asked("x".repeat(300), "", ""), UsersView.USERS, u -> u.getString("displayName"));

        assertThat(list.getError()).isEqualTo("Keyward refused the search. A $search text is at most 256 characters; the one for 'displayName' "
                + "has 300. (invalidRequest)");
        assertThat(list.getRows()).isEmpty();
        assertThat(list.getNextPage()).isNull();
    }

    @Test
    void objectsNamedByIdAreReadFifteenIdsARequestNotTheWholeDirectory() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            ids.add("id-" + i);
        }
        ids.add("id-3");
        ids.add("o'brien");
        Graph graph = new Graph() {
            @Override
            public JsonObject getAdvanced(String path) {
                asked.add(URLDecoder.decode(path, StandardCharsets.UTF_8));
                return page(1, null, "Group");
            }
        };

        List<JsonObject> found = DirectoryQuery.byIds(graph, "/groups", "id,displayName", ids);

        assertThat(asked).hasSize(2);
        assertThat(asked.get(0)).startsWith("/groups?$select=id,displayName&$top=50&$count=true&$filter=id in ('id-0','id-1',")
                .endsWith(",'id-14')");
        assertThat(asked.get(1)).endsWith("$filter=id in ('id-15','id-16','id-17','id-18','o''brien')");
        assertThat(found).hasSize(2);
    }

    @Test
    void aPageSizeThatIsANumberGoesToGraphAndAnythingElseIsTheDefault() {
        assertThat(DirectoryListing.pageSize("2")).isEqualTo(2);
        assertThat(DirectoryListing.pageSize("0")).as("Graph refuses it in words").isZero();
        assertThat(DirectoryListing.pageSize("")).isEqualTo(DirectoryQuery.DEFAULT_TOP);
        assertThat(DirectoryListing.pageSize("2; drop")).isEqualTo(DirectoryQuery.DEFAULT_TOP);
    }
}
