package io.keyward.server.graph;

import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Graph's {@code $search} on directory objects: quoted {@code "property:word"} clauses joined by {@code AND} or
 * {@code OR} ({@code AND} binds first), e.g. {@code "displayName:jo" OR "mail:jo"}. Each clause matches when a word of
 * the property starts with the given text, case-insensitively: the part of Graph's tokenized search that scripts use
 * to find people by name. As Graph's $search syntax says, a double quote or a backslash in the text is escaped with a
 * backslash ({@code "displayName:say \"hi\""}). A clause without a property, an escape of any other character, a text
 * longer than {@value #MAX_TEXT} characters, and anything else, is refused rather than guessed.
 */
final class SearchParser {

    /** Clauses in one search, at most: each becomes two SQL predicates. */
    static final int MAX_CLAUSES = 20;
    /** Characters of one clause's text, at most (after unescaping). */
    static final int MAX_TEXT = 256;

    private static final Pattern PROPERTY = Pattern.compile("\\s*\"([A-Za-z]+):");
    private static final Pattern OPERATOR = Pattern.compile("\\s*(AND|OR)(?=\\s*\")");

    private final String search;
    private int pos;

    private SearchParser(String search) {
        this.search = search;
    }

    static Criterion parse(String search) {
        return new SearchParser(search).alternatives();
    }

    private Criterion alternatives() {
        List<List<Criterion>> alternatives = new ArrayList<>(List.of(new ArrayList<>()));
        int clauses = 0;
        while (true) {
            if (++clauses > MAX_CLAUSES) {
                throw Refused.invalid("$search has more than " + MAX_CLAUSES + " clauses.");
            }
            alternatives.get(alternatives.size() - 1).add(clause());
            skipSpaces();
            if (pos == search.length()) {
                break;
            }
            Matcher operator = OPERATOR.matcher(search).region(pos, search.length());
            if (!operator.lookingAt()) {
                throw invalid();
            }
            if (operator.group(1).equals("OR")) {
                alternatives.add(new ArrayList<>());
            }
            pos = operator.end();
        }
        List<Criterion> any = alternatives.stream().map(all -> all.size() == 1 ? all.get(0) : new Criterion.And(all)).toList();
        return any.size() == 1 ? any.get(0) : new Criterion.Or(any);
    }

    /** {@code "property:text"}, the text read up to its closing quote with {@code \"} and {@code \\} unescaped. */
    private Criterion clause() {
        Matcher property = PROPERTY.matcher(search).region(pos, search.length());
        if (!property.lookingAt()) {
            throw invalid();
        }
        pos = property.end();
        StringBuilder text = new StringBuilder();
        while (true) {
            if (pos == search.length()) {
                throw invalid();
            }
            char c = search.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos == search.length() || (search.charAt(pos) != '"' && search.charAt(pos) != '\\')) {
                    throw invalid();
                }
                c = search.charAt(pos++);
            }
            text.append(c);
        }
        String word = text.toString().trim();
        if (word.isEmpty()) {
            throw invalid();
        }
        if (word.length() > MAX_TEXT) {
            throw Refused.invalid("A $search text is at most " + MAX_TEXT + " characters; the one for '" + property.group(1) + "' has "
                    + word.length() + ".");
        }
        return new Criterion.WordStartsWith(property.group(1), word);
    }

    private void skipSpaces() {
        while (pos < search.length() && Character.isWhitespace(search.charAt(pos))) {
            pos++;
        }
    }

    private static Refused invalid() {
        return Refused.invalid("Invalid $search: use quoted \"property:text\" clauses joined by AND or OR, e.g. "
                + "$search=\"displayName:jo\" OR \"mail:jo\"; in the text, write a double quote as \\\" and a backslash as \\\\.");
    }
}
