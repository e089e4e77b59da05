package io.keyward.server.graph;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;
import io.keyward.server.platform.query.Criterion.And;
import io.keyward.server.platform.query.Criterion.Compare;
import io.keyward.server.platform.query.Criterion.Equals;
import io.keyward.server.platform.query.Criterion.In;
import io.keyward.server.platform.query.Criterion.NotEquals;
import io.keyward.server.platform.query.Criterion.Operator;
import io.keyward.server.platform.query.Criterion.Or;
import io.keyward.server.platform.query.Criterion.StartsWith;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The OData {@code $filter} subset of GRAPH-API.md §0, as clients such as the Yubico and keyenroll scripts send it. */
class FilterParserTest {

    @Test
    void eqComparesAPropertyWithAQuotedString() {
        assertThat(FilterParser.parse("displayName eq 'Passkey pilot'"))
                .isEqualTo(new Equals("displayName", "Passkey pilot"));
    }

    @Test
    void neComparesAPropertyWithAQuotedString() {
        assertThat(FilterParser.parse("userType ne 'Guest'"))
                .isEqualTo(new NotEquals("userType", "Guest"));
    }

    @Test
    void inListsEveryValueInOrder() {
        assertThat(FilterParser.parse("userPrincipalName in ('a@contoso.example', 'b@contoso.example','c@contoso.example')"))
                .isEqualTo(new In("userPrincipalName", List.of("a@contoso.example", "b@contoso.example", "c@contoso.example")));
    }

    @Test
    void inAcceptsASingleValue() {
        assertThat(FilterParser.parse("id in ('x')")).isEqualTo(new In("id", List.of("x")));
    }

    @Test
    void startswithIsCaseInsensitiveAndDoublesQuotes() {
        assertThat(FilterParser.parse("StartsWith(displayName,'O''Neil')"))
                .isEqualTo(new StartsWith("displayName", "O'Neil"));
    }

    @Test
    void startswithToleratesSpacesAroundItsArguments() {
        assertThat(FilterParser.parse("startswith( displayName , 'Ja' )"))
                .isEqualTo(new StartsWith("displayName", "Ja"));
    }

    @Test
    void doubledQuoteInsideEqStringIsOneQuote() {
        assertThat(FilterParser.parse("surname eq 'O''Neil'''"))
                .isEqualTo(new Equals("surname", "O'Neil'"));
    }

    @Test
    void emptyQuotedStringIsAnEmptyValue() {
        assertThat(FilterParser.parse("mail eq ''")).isEqualTo(new Equals("mail", ""));
    }

    @Test
    void operatorsAreCaseInsensitive() {
        assertThat(FilterParser.parse("displayName EQ 'x' AND mail Ne 'y'"))
                .isEqualTo(new And(List.of(new Equals("displayName", "x"), new NotEquals("mail", "y"))));
    }

    @Test
    void quotedOperatorWordsStayInsideTheString() {
        assertThat(FilterParser.parse("displayName eq 'Sales and Marketing or Ops'"))
                .isEqualTo(new Equals("displayName", "Sales and Marketing or Ops"));
    }

    @Test
    void trueAndFalseAreBooleans() {
        assertThat(FilterParser.parse("accountEnabled eq true or securityEnabled eq false"))
                .isEqualTo(new Or(List.of(new Equals("accountEnabled", Boolean.TRUE), new Equals("securityEnabled", Boolean.FALSE))));
    }

    @Test
    void nullIsANullValue() {
        assertThat(FilterParser.parse("mail eq null")).isEqualTo(new Equals("mail", null));
    }

    @Test
    void quotedTrueIsAStringNotABoolean() {
        assertThat(FilterParser.parse("displayName eq 'true'")).isEqualTo(new Equals("displayName", "true"));
    }

    @Test
    void geComparesWithAnUtcDateTime() {
        assertThat(FilterParser.parse("createdDateTime ge 2024-01-01T00:00:00Z"))
                .isEqualTo(new Compare("createdDateTime", Operator.GE, Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    void ltComparesWithADateTimeWithOffsetNormalisedToUtc() {
        assertThat(FilterParser.parse("activityDateTime lt 2024-06-30T12:00:00+02:00"))
                .isEqualTo(new Compare("activityDateTime", Operator.LT, Instant.parse("2024-06-30T10:00:00Z")));
    }

    @Test
    void gtAndLeAreParsed() {
        assertThat(FilterParser.parse("activityDateTime gt 2024-01-01T00:00:00.5Z and activityDateTime le 2024-02-01T00:00:00Z"))
                .isEqualTo(new And(List.of(
                        new Compare("activityDateTime", Operator.GT, Instant.parse("2024-01-01T00:00:00.500Z")),
                        new Compare("activityDateTime", Operator.LE, Instant.parse("2024-02-01T00:00:00Z")))));
    }

    @Test
    void slashedPropertyPathIsOneIdentifier() {
        assertThat(FilterParser.parse("initiatedBy/user/id eq 'u1'"))
                .isEqualTo(new Equals("initiatedBy/user/id", "u1"));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(FilterParser.parse("a eq '1' or b eq '2' and c eq '3'"))
                .isEqualTo(new Or(List.of(
                        new Equals("a", "1"),
                        new And(List.of(new Equals("b", "2"), new Equals("c", "3"))))));
    }

    @Test
    void parenthesesOverrideAndOverOr() {
        assertThat(FilterParser.parse("(a eq '1' or b eq '2') and c eq '3'"))
                .isEqualTo(new And(List.of(
                        new Or(List.of(new Equals("a", "1"), new Equals("b", "2"))),
                        new Equals("c", "3"))));
    }

    @Test
    void chainedAndsAreOneFlatConjunction() {
        assertThat(FilterParser.parse("a eq '1' and b eq '2' and c eq '3'"))
                .isEqualTo(new And(List.of(new Equals("a", "1"), new Equals("b", "2"), new Equals("c", "3"))));
    }

    @Test
    void nestedParenthesesAroundASingleComparisonAreTransparent() {
        assertThat(FilterParser.parse(" ( ( displayName eq 'x' ) ) ")).isEqualTo(new Equals("displayName", "x"));
    }

    @Test
    void propertyNameStartingWithAKeywordIsStillAProperty() {
        Criterion parsed = FilterParser.parse("order eq 'x' or andromeda eq 'y'");

        assertThat(parsed).isEqualTo(new Or(List.of(new Equals("order", "x"), new Equals("andromeda", "y"))));
    }

    // --- malformed filters: every one is invalidRequest with "Invalid $filter" ---

    @Test
    void unterminatedStringIsRefused() {
        assertInvalid("displayName eq 'O''Neil", "unterminated string");
    }

    @Test
    void missingOperatorIsRefused() {
        assertInvalid("displayName 'Jane'", "expected eq, ne, in", "displayName");
    }

    @Test
    void unknownOperatorIsRefused() {
        assertInvalid("displayName contains 'Jane'", "expected eq, ne, in");
    }

    @Test
    void trailingGarbageIsRefused() {
        assertInvalid("displayName eq 'Jane' xyz", "unexpected text", "xyz");
    }

    @Test
    void unbalancedClosingParenthesisIsRefused() {
        assertInvalid("displayName eq 'Jane')", "unexpected text");
    }

    @Test
    void unclosedParenthesisIsRefused() {
        assertInvalid("(displayName eq 'Jane'", "expected ')'");
    }

    @Test
    void unquotedStringIsRefused() {
        assertInvalid("displayName eq Jane", "'Jane' is not a valid literal", "single quotes");
    }

    @Test
    void anyLambdaOverACollectionIsParsedWithItsVariable() {
        assertThat(FilterParser.parse("methodsRegistered/any(m:m eq 'passKeyDeviceBound') and userType eq 'member'"))
                .isEqualTo(new Criterion.And(java.util.List.of(
                        new Criterion.Any("methodsRegistered", "m", new Criterion.Equals("m", "passKeyDeviceBound")),
                        new Criterion.Equals("userType", "member"))));
    }

    @Test
    void anyLambdaWithoutItsVariableIsRefused() {
        assertInvalid("methodsRegistered/any(m eq 'x')", "expected ':'");
    }

    @Test
    void wholeNumbersAreLiterals() {
        assertThat(FilterParser.parse("status/errorCode eq 0")).isEqualTo(new Criterion.Equals("status/errorCode", 0L));
        assertThat(FilterParser.parse("status/errorCode ne -5")).isEqualTo(new Criterion.NotEquals("status/errorCode", -5L));
    }

    @Test
    void decimalNumberIsRefusedAsAnUnsupportedLiteral() {
        assertInvalid("age eq 4.2", "'4.2' is not a valid literal");
    }

    @Test
    void emptyFilterIsRefused() {
        assertInvalid("", "expected a property name");
    }

    @Test
    void blankFilterIsRefused() {
        assertInvalid("   ", "expected a property name");
    }

    @Test
    void missingValueIsRefused() {
        assertInvalid("displayName eq", "expected a value");
    }

    @Test
    void danglingAndIsRefused() {
        assertInvalid("displayName eq 'x' and", "expected a property name");
    }

    @Test
    void startswithWithANonStringIsRefused() {
        assertInvalid("startswith(displayName, null)", "startswith needs a string literal");
    }

    @Test
    void startswithWithoutParenthesesIsRefused() {
        assertInvalid("startswith displayName 'x'", "expected '('");
    }

    @Test
    void inWithoutClosingParenthesisIsRefused() {
        assertInvalid("id in ('a', 'b'", "expected ')'");
    }

    @Test
    void refusalSaysWhereTheProblemIs() {
        Refused refused = catchThrowableOfType(Refused.class, () -> FilterParser.parse("displayName eq 'Jane' xyz"));

        assertThat(refused.getMessage()).startsWith("Invalid $filter at position 22:");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        assertInvalid("(".repeat(5000) + "displayName eq 'a'" + ")".repeat(5000), "nest deeper than 16");
        assertInvalid("members/any(a:".repeat(40) + "a eq 'x'" + ")".repeat(40), "nest deeper than 16");
    }

    @Test
    void nestingUpToTheLimitIsParsed() {
        assertThat(FilterParser.parse("(".repeat(16) + "displayName eq 'a'" + ")".repeat(16))).isEqualTo(new Equals("displayName", "a"));
    }

    @Test
    void tooManyComparisonsAreRefused() {
        assertInvalid(String.join(" or ", java.util.Collections.nCopies(101, "displayName eq 'a'")), "more than 100 comparisons");
        assertInvalid("id in (" + String.join(",", java.util.Collections.nCopies(101, "'a'")) + ")", "more than 100 comparisons");
    }

    private static void assertInvalid(String filter, String... words) {
        Refused refused = catchThrowableOfType(Refused.class, () -> FilterParser.parse(filter));

        assertThat(refused).as("refusal of %s", filter).isNotNull();
        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains("Invalid $filter").contains(Arrays.asList(words));
    }
}
