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
 * to find people by name. A clause without a property, and anything else, is refused rather than guessed.
 */
final class SearchParser {

    /** Clauses in one search, at most: each becomes two SQL predicates. */
    static final int MAX_CLAUSES = 20;

    private static final Pattern CLAUSE = Pattern.compile("\\s*\"([A-Za-z]+):([^\"]{1,256})\"\\s*");
    private static final Pattern OPERATOR = Pattern.compile("(AND|OR)(?=\\s*\")");

    private SearchParser() {
    }

    static Criterion parse(String search) {
        List<List<Criterion>> alternatives = new ArrayList<>(List.of(new ArrayList<>()));
        Matcher clause = CLAUSE.matcher(search);
        Matcher operator = OPERATOR.matcher(search);
        int pos = 0;
        int clauses = 0;
        while (true) {
            if (!clause.region(pos, search.length()).lookingAt()) {
                throw invalid(search);
            }
            if (++clauses > MAX_CLAUSES) {
                throw Refused.invalid("$search has more than " + MAX_CLAUSES + " clauses.");
            }
            String word = clause.group(2).trim();
            if (word.isEmpty()) {
                throw invalid(search);
            }
            alternatives.get(alternatives.size() - 1).add(new Criterion.WordStartsWith(clause.group(1), word));
            pos = clause.end();
            if (pos == search.length()) {
                break;
            }
            if (!operator.region(pos, search.length()).lookingAt()) {
                throw invalid(search);
            }
            if (operator.group(1).equals("OR")) {
                alternatives.add(new ArrayList<>());
            }
            pos = operator.end();
        }
        List<Criterion> any = alternatives.stream().map(all -> all.size() == 1 ? all.get(0) : new Criterion.And(all)).toList();
        return any.size() == 1 ? any.get(0) : new Criterion.Or(any);
    }

    private static Refused invalid(String search) {
        return Refused.invalid("Invalid $search: use quoted \"property:text\" clauses joined by AND or OR, e.g. "
                + "$search=\"displayName:jo\" OR \"mail:jo\".");
    }
}
