package io.keyward.server.graph;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.keyward.server.graph.FakeHttp.headers;
import static io.keyward.server.graph.FakeHttp.noHeaders;
import static io.keyward.server.graph.FakeHttp.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ODataQueryTest {

    private static final String USERS = "https://keyward.example/graph/v1.0/users";
    private static final UUID LAST = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");

    @Test
    void noOptionsGiveTheDefaultPageSizeAndNothingElse() {
        ODataQuery query = ODataQuery.from(uri(USERS), noHeaders(), 100);

        assertThat(query).isEqualTo(new ODataQuery(Optional.empty(), Optional.empty(), 100, Optional.empty(), false));
        assertThat(query.pageRequest()).isEqualTo(new PageRequest(Optional.empty(), Optional.empty(), 100));
    }

    @Test
    void skipTokenOfANextLinkRoundTripsToTheLastId() {
        ODataQuery query = ODataQuery.from(uri(USERS + "?$skiptoken=" + ODataQuery.encodeSkipToken(LAST)), noHeaders(), 100);

        assertThat(query.after()).contains(LAST);
    }

    @Test
    void skipTokenIsUrlSafeBase64WithoutPadding() {
        assertThat(ODataQuery.encodeSkipToken(LAST)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void skipTokenThatIsNotBase64IsRefused() {
        assertRefused(USERS + "?$skiptoken=not*base64", "$skiptoken is not valid", "@odata.nextLink");
    }

    @Test
    void skipTokenWithoutTheAfterPrefixIsRefused() {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(LAST.toString().getBytes(StandardCharsets.UTF_8));

        assertRefused(USERS + "?$skiptoken=" + token, "$skiptoken is not valid");
    }

    @Test
    void skipTokenWithAnIdThatIsNotAGuidIsRefused() {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString("after:jane".getBytes(StandardCharsets.UTF_8));

        assertRefused(USERS + "?$skiptoken=" + token, "$skiptoken is not valid");
    }

    @Test
    void topOfOneIsAccepted() {
        assertThat(ODataQuery.from(uri(USERS + "?$top=1"), noHeaders(), 100).top()).isEqualTo(1);
    }

    @Test
    void topOf999IsAccepted() {
        assertThat(ODataQuery.from(uri(USERS + "?$top=999"), noHeaders(), 100).top()).isEqualTo(999);
    }

    @Test
    void topOfZeroIsRefused() {
        assertRefused(USERS + "?$top=0", "Invalid page size", "'0'", "between 1 and 999");
    }

    @Test
    void topOf1000IsRefused() {
        assertRefused(USERS + "?$top=1000", "Invalid page size", "'1000'", "between 1 and 999");
    }

    @Test
    void topThatIsNotANumberIsRefused() {
        assertRefused(USERS + "?$top=abc", "Invalid page size", "'abc'");
    }

    @Test
    void optionsWithoutTheirDollarAreRead() {
        ODataQuery query = ODataQuery.from(uri(USERS + "?top=7&select=id"), noHeaders(), 100);

        assertThat(query.top()).isEqualTo(7);
        assertThat(query.select()).contains(Set.of("id"));
    }

    @Test
    void percentEncodedDollarOptionsAreRead() {
        ODataQuery query = ODataQuery.from(uri(USERS + "?%24top=3&%24filter=displayName%20eq%20%27O%27%27Neil%27"), noHeaders(), 100);

        assertThat(query.top()).isEqualTo(3);
        assertThat(query.filter()).contains(new Criterion.Equals("displayName", "O'Neil"));
    }

    @Test
    void filterIsParsedIntoThePageRequest() {
        ODataQuery query = ODataQuery.from(uri(USERS + "?$filter=startswith(displayName,'Ja')"), noHeaders(), 100);

        assertThat(query.pageRequest().filter()).contains(new Criterion.StartsWith("displayName", "Ja"));
    }

    @Test
    void blankFilterMeansNoFilter() {
        assertThat(ODataQuery.from(uri(USERS + "?$filter=%20"), noHeaders(), 100).filter()).isEmpty();
    }

    @Test
    void malformedFilterIsRefused() {
        assertRefused(USERS + "?$filter=displayName%20eq%20Jane", "Invalid $filter", "single quotes");
    }

    @Test
    void selectKeepsThePropertiesInOrderWithoutBlanks() {
        ODataQuery query = ODataQuery.from(uri(USERS + "?$select=id,%20userPrincipalName,,displayName"), noHeaders(), 100);

        assertThat(query.select()).hasValueSatisfying(select ->
                assertThat(select).containsExactly("id", "userPrincipalName", "displayName"));
    }

    @Test
    void selectNamingNoPropertyIsRefused() {
        assertRefused(USERS + "?$select=,", "$select names no property");
    }

    @Test
    void countWithoutConsistencyLevelHeaderIsRefused() {
        assertRefused(USERS + "?$count=true", "$count requires", "ConsistencyLevel: eventual");
    }

    @Test
    void countWithAStrongerConsistencyLevelIsRefused() {
        Refused refused = catchThrowableOfType(Refused.class,
                () -> ODataQuery.from(uri(USERS + "?$count=true"), headers(Map.of("ConsistencyLevel", "strong")), 100));

        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains("ConsistencyLevel: eventual");
    }

    @Test
    void countWithEventualConsistencyIsAccepted() {
        ODataQuery query = ODataQuery.from(uri(USERS + "?$count=true"), headers(Map.of("consistencylevel", " Eventual ")), 100);

        assertThat(query.count()).isTrue();
    }

    @Test
    void countFalseNeedsNoConsistencyLevel() {
        assertThat(ODataQuery.from(uri(USERS + "?$count=false"), noHeaders(), 100).count()).isFalse();
    }

    @Test
    void countThatIsNotABooleanIsRefused() {
        assertRefused(USERS + "?$count=yes", "Invalid $count value 'yes'");
    }

    @Test
    void selectOnlyReadsSelectAndIgnoresListOptions() {
        assertThat(ODataQuery.selectOnly(uri(USERS + "/abc?$select=id,mail&$top=0"))).contains(Set.of("id", "mail"));
    }

    // --- next links ---

    @Test
    void lastPageHasNoNextLink() {
        ODataQuery query = ODataQuery.from(uri(USERS), noHeaders(), 100);

        assertThat(query.nextLink(uri(USERS), new Page<>(List.of("a"), Optional.empty()))).isEmpty();
    }

    @Test
    void nextLinkOfAPlainRequestAddsOnlyTheSkipToken() {
        assertThat(nextLink(USERS)).isEqualTo(USERS + "?$skiptoken=" + ODataQuery.encodeSkipToken(LAST));
    }

    @Test
    void nextLinkKeepsTheOtherQueryOptionsAsSent() {
        String request = USERS + "?$select=id,displayName&$filter=startswith(displayName,%27Ja%27)&$top=5&slice=Test";

        assertThat(nextLink(request)).isEqualTo(request + "&$skiptoken=" + ODataQuery.encodeSkipToken(LAST));
    }

    @Test
    void nextLinkReplacesAnExistingSkipToken() {
        UUID earlier = UUID.fromString("00000000-0000-4000-8000-000000000001");
        String request = USERS + "?$top=5&$skiptoken=" + ODataQuery.encodeSkipToken(earlier) + "&$select=id";

        String next = nextLink(request);

        assertThat(occurrences(next, "skiptoken=")).isEqualTo(1);
        assertThat(next).isEqualTo(USERS + "?$top=5&$select=id&$skiptoken=" + ODataQuery.encodeSkipToken(LAST));
    }

    @Test
    void nextLinkReplacesAPercentEncodedSkipToken() {
        String request = USERS + "?%24skiptoken=" + ODataQuery.encodeSkipToken(UUID.randomUUID()) + "&%24top=5";

        assertThat(nextLink(request)).isEqualTo(USERS + "?%24top=5&$skiptoken=" + ODataQuery.encodeSkipToken(LAST));
    }

    @Test
    void nextLinkNeverDuplicatesTop() {
        String next = nextLink(USERS + "?$top=5");

        assertThat(occurrences(next, "top=")).isEqualTo(1);
        assertThat(next).contains("$top=5");
    }

    @Test
    void nextLinkLeadsToThePageAfterTheLastItemWithTheSameOptions() {
        String next = nextLink(USERS + "?$top=5&$select=id");

        ODataQuery following = ODataQuery.from(uri(next), noHeaders(), 100);

        assertThat(following.after()).contains(LAST);
        assertThat(following.top()).isEqualTo(5);
        assertThat(following.select()).contains(Set.of("id"));
    }

    private static String nextLink(String request) {
        UriInfo uri = uri(request);
        ODataQuery query = ODataQuery.from(uri, noHeaders(), 100);
        return query.nextLink(uri, new Page<>(List.of("x"), Optional.of(LAST))).orElseThrow();
    }

    private static int occurrences(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static void assertRefused(String request, String... words) {
        Refused refused = catchThrowableOfType(Refused.class, () -> ODataQuery.from(uri(request), noHeaders(), 100));

        assertThat(refused).as("refusal of %s", request).isNotNull();
        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains(List.of(words));
    }
}
