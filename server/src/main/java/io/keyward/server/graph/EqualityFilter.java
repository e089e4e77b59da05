package io.keyward.server.graph;

import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@code $filter} of {@code eq} clauses joined by {@code and}, over the few properties a small collection is
 * filtered by (role assignments by {@code principalId}, applications by {@code appId}); anything else is refused
 * rather than ignored, so a script never acts on more than it asked for.
 */
final class EqualityFilter {

    private EqualityFilter() {
    }

    static <T> Predicate<T> of(Optional<String> filter, Map<String, Function<T, String>> properties) {
        return filter.filter(f -> !f.isBlank()).map(FilterParser::parse).map(c -> predicate(c, properties)).orElse(x -> true);
    }

    private static <T> Predicate<T> predicate(Criterion criterion, Map<String, Function<T, String>> properties) {
        if (criterion instanceof Criterion.And and) {
            return and.all().stream().map(c -> predicate(c, properties)).reduce(x -> true, Predicate::and);
        }
        if (criterion instanceof Criterion.Equals equals && properties.containsKey(equals.property()) && equals.value() != null) {
            Function<T, String> property = properties.get(equals.property());
            String expected = String.valueOf(equals.value());
            return item -> expected.equalsIgnoreCase(property.apply(item));
        }
        throw Refused.invalid("Unsupported $filter: only " + String.join(", ", properties.keySet().stream().sorted().toList())
                + " with 'eq', joined by 'and', are supported here.");
    }
}
