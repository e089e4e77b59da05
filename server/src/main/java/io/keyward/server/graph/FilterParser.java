package io.keyward.server.graph;

import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the OData {@code $filter} subset Keyward supports: {@code eq}, {@code ne}, {@code in},
 * {@code startswith}, {@code ge/gt/le/lt} on date-times, the lambda {@code collection/any(v:v eq 'x')}, combined with
 * {@code and}, {@code or} and parentheses.
 * String literals are single-quoted with {@code ''} for a quote (e.g. {@code 'O''Neil'}).
 */
final class FilterParser {

    /** Parentheses and lambdas nest at most this deep: the parser recurses, and no real filter comes close. */
    static final int MAX_DEPTH = 16;
    /** Comparisons in one filter, at most: each becomes a SQL predicate. */
    static final int MAX_TERMS = 100;

    private final String text;
    private int pos;
    private int depth;
    private int terms;

    private FilterParser(String text) {
        this.text = text;
    }

    static Criterion parse(String filter) {
        FilterParser parser = new FilterParser(filter);
        Criterion criterion = parser.orExpression();
        parser.skipSpaces();
        if (parser.pos != filter.length()) {
            throw parser.error("unexpected text '" + filter.substring(parser.pos) + "'");
        }
        return criterion;
    }

    private Criterion orExpression() {
        List<Criterion> any = new ArrayList<>(List.of(andExpression()));
        while (keyword("or")) {
            any.add(andExpression());
        }
        return any.size() == 1 ? any.get(0) : new Criterion.Or(any);
    }

    private Criterion andExpression() {
        List<Criterion> all = new ArrayList<>(List.of(primary()));
        while (keyword("and")) {
            all.add(primary());
        }
        return all.size() == 1 ? all.get(0) : new Criterion.And(all);
    }

    private Criterion primary() {
        skipSpaces();
        if (++terms > MAX_TERMS) {
            throw error("more than " + MAX_TERMS + " comparisons");
        }
        if (peek('(')) {
            pos++;
            enter();
            Criterion inner = orExpression();
            expect(')');
            depth--;
            return inner;
        }
        if (keyword("startswith")) {
            expect('(');
            String property = identifier();
            expect(',');
            Object prefix = literal();
            expect(')');
            if (!(prefix instanceof String s)) {
                throw error("startswith needs a string literal");
            }
            return new Criterion.StartsWith(property, s);
        }
        String property = identifier();
        if (property.endsWith("/any") && peekAfterSpaces('(')) {
            // OData lambda: collection/any(v:v eq 'x')
            pos++;
            enter();
            String variable = identifier();
            expect(':');
            Criterion predicate = orExpression();
            expect(')');
            depth--;
            return new Criterion.Any(property.substring(0, property.length() - 4), variable, predicate);
        }
        if (keyword("eq")) {
            return new Criterion.Equals(property, literal());
        }
        if (keyword("ne")) {
            return new Criterion.NotEquals(property, literal());
        }
        if (keyword("in")) {
            expect('(');
            List<Object> values = new ArrayList<>(List.of(literal()));
            while (peekAfterSpaces(',')) {
                pos++;
                values.add(literal());
                if (++terms > MAX_TERMS) {
                    throw error("more than " + MAX_TERMS + " comparisons");
                }
            }
            expect(')');
            return new Criterion.In(property, values);
        }
        for (Criterion.Operator operator : Criterion.Operator.values()) {
            if (keyword(operator.name().toLowerCase(Locale.ROOT))) {
                return new Criterion.Compare(property, operator, literal());
            }
        }
        throw error("expected eq, ne, in, ge, gt, le or lt after '" + property + "'");
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("parentheses nest deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String identifier() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '/' || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a property name");
        }
        return text.substring(start, pos);
    }

    private Object literal() {
        skipSpaces();
        if (peek('\'')) {
            StringBuilder value = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string literal");
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (peek('\'')) {
                        value.append('\'');
                        pos++;
                    } else {
                        return value.toString();
                    }
                } else {
                    value.append(c);
                }
            }
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ')' && text.charAt(pos) != ',') {
            pos++;
        }
        String token = text.substring(start, pos);
        switch (token) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            case "":
                throw error("expected a value");
            default:
                if (token.matches("-?\\d{1,18}")) {
                    return Long.parseLong(token);
                }
                try {
                    return OffsetDateTime.parse(token).toInstant();
                } catch (DateTimeParseException e) {
                    try {
                        return Instant.parse(token);
                    } catch (DateTimeParseException e2) {
                        throw error("'" + token + "' is not a valid literal; quote strings with single quotes");
                    }
                }
        }
    }

    private boolean keyword(String word) {
        skipSpaces();
        int end = pos + word.length();
        if (end <= text.length() && text.regionMatches(true, pos, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peekAfterSpaces(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean peekAfterSpaces(char c) {
        skipSpaces();
        return peek(c);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Refused error(String what) {
        return Refused.invalid("Invalid $filter at position " + pos + ": " + what + ".");
    }
}
