package io.keyward.server.platform.query;

import java.util.List;

/** A filter over named properties, as parsed from an OData {@code $filter}. */
public sealed interface Criterion {

    /** {@code property eq value}; a null value matches null. */
    record Equals(String property, Object value) implements Criterion {
    }

    /** {@code property ne value}. */
    record NotEquals(String property, Object value) implements Criterion {
    }

    /** {@code startswith(property, prefix)}, case-insensitive as in Graph. */
    record StartsWith(String property, String prefix) implements Criterion {
    }

    /** {@code property in (v1, v2, ...)}. */
    record In(String property, List<Object> values) implements Criterion {
    }

    /** {@code property ge value} / {@code le} / {@code gt} / {@code lt}, for times. */
    record Compare(String property, Operator operator, Object value) implements Criterion {
    }

    /**
     * {@code $search="property:word"}: some word of the property starts with {@code prefix}, case-insensitively (a word
     * starts the value or follows a space), as Graph's tokenized search on directory objects matches.
     */
    record WordStartsWith(String property, String prefix) implements Criterion {
    }

    record And(List<Criterion> all) implements Criterion {
    }

    /** {@code collection/any(v:predicate)}: some element of a multi-valued property satisfies the predicate on {@code v}. */
    record Any(String collection, String variable, Criterion predicate) implements Criterion {
    }

    record Or(List<Criterion> any) implements Criterion {
    }

    enum Operator { GE, GT, LE, LT }
}
