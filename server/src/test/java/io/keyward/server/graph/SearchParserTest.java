package io.keyward.server.graph;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion.And;
import io.keyward.server.platform.query.Criterion.Or;
import io.keyward.server.platform.query.Criterion.WordStartsWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Graph's {@code $search} on directory objects, as scripts send it: {@code "displayName:jo"} clauses with AND and OR. */
class SearchParserTest {

    @Test
    void oneClauseIsAWordPrefixOnItsProperty() {
        assertThat(SearchParser.parse("\"displayName:jo\"")).isEqualTo(new WordStartsWith("displayName", "jo"));
    }

    @Test
    void orJoinsAlternativesAndAndBindsFirst() {
        assertThat(SearchParser.parse("\"displayName:jo\" OR \"mail:jo\" AND \"surname:do\"")).isEqualTo(new Or(List.of(
                new WordStartsWith("displayName", "jo"),
                new And(List.of(new WordStartsWith("mail", "jo"), new WordStartsWith("surname", "do"))))));
    }

    @Test
    void aPhraseWithSpacesIsOnePrefix() {
        assertThat(SearchParser.parse("\"displayName:Jane Do\"")).isEqualTo(new WordStartsWith("displayName", "Jane Do"));
    }

    @Test
    void aQuoteOrABackslashInTheTextIsEscapedWithABackslash() {
        assertThat(SearchParser.parse("\"displayName:say \\\"hi\\\" \\\\o/\" OR \"mail:a\\\\\""))
                .isEqualTo(new Or(List.of(new WordStartsWith("displayName", "say \"hi\" \\o/"), new WordStartsWith("mail", "a\\"))));
    }

    @Test
    void aTextLongerThanTheLimitIsRefusedSayingSo() {
        String search = "\"displayName:" + "a".repeat(SearchParser.MAX_TEXT + 1) + "\"";

        Refused refused = catchThrowableOfType(Refused.class, () -> SearchParser.parse(search));

        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).isEqualTo("A $search text is at most 256 characters; the one for 'displayName' has 257.");
        assertThat(SearchParser.parse("\"displayName:" + "a".repeat(SearchParser.MAX_TEXT) + "\"")).isInstanceOf(WordStartsWith.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jo", "\"jo\"", "displayName:jo", "\"displayName:\"", "\"displayName:jo\" \"mail:jo\"",
            "\"displayName:jo\" XOR \"mail:jo\"", "\"displayName:jo\" OR", "\"display name:jo\"", "\"displayName:jo",
            "\"displayName:j\\o\"", "\"displayName:jo\\\"", "\"displayName:say \"hi\"\""})
    void anythingElseIsRefusedNotTakenAsEverything(String search) {
        Refused refused = catchThrowableOfType(Refused.class, () -> SearchParser.parse(search));

        assertThat(refused).as(search).isNotNull();
        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains("$search");
    }

    @Test
    void tooManyClausesAreRefused() {
        String search = String.join(" OR ", java.util.Collections.nCopies(21, "\"displayName:a\""));

        assertThat(catchThrowableOfType(Refused.class, () -> SearchParser.parse(search)).getMessage()).contains("more than 20 clauses");
    }
}
