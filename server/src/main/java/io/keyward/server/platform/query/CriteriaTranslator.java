package io.keyward.server.platform.query;

import io.keyward.server.platform.Refused;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link Criterion} into a JPA predicate. Only the properties in the map (API name to entity
 * attribute) can be filtered; any other is refused with a message naming the property. Strings compare
 * case-insensitively: {@code lower(column)} against the lower-cased literal, or the column as stored when it is
 * {@link CaseFolded}, so that its index serves the filter.
 */
public final class CriteriaTranslator {

    private final Map<String, String> attributes;

    public CriteriaTranslator(Map<String, String> attributes) {
        this.attributes = Map.copyOf(attributes);
    }

    public Predicate toPredicate(Criterion criterion, Root<?> root, CriteriaBuilder cb) {
        if (criterion instanceof Criterion.Equals eq) {
            return eq.value() == null
                    ? cb.isNull(path(root, eq.property()))
                    : cb.equal(comparable(root, cb, eq.property()), valueFor(path(root, eq.property()), eq.value()));
        }
        if (criterion instanceof Criterion.NotEquals ne) {
            return ne.value() == null
                    ? cb.isNotNull(path(root, ne.property()))
                    : cb.or(cb.isNull(path(root, ne.property())),
                    cb.notEqual(comparable(root, cb, ne.property()), valueFor(path(root, ne.property()), ne.value())));
        }
        if (criterion instanceof Criterion.StartsWith sw) {
            if (path(root, sw.property()).getJavaType() != String.class) {
                throw Refused.invalid("startswith applies to string properties; '" + sw.property() + "' is not one.");
            }
            return cb.like(folded(root, cb, sw.property()), escapeLike(sw.prefix().toLowerCase(Locale.ROOT)) + "%", '\\');
        }
        if (criterion instanceof Criterion.WordStartsWith word) {
            if (path(root, word.property()).getJavaType() != String.class) {
                throw Refused.invalid("$search applies to string properties; '" + word.property() + "' is not one.");
            }
            Expression<String> value = folded(root, cb, word.property());
            String prefix = escapeLike(word.prefix().toLowerCase(Locale.ROOT));
            return cb.or(cb.like(value, prefix + "%", '\\'), cb.like(value, "% " + prefix + "%", '\\'));
        }
        if (criterion instanceof Criterion.In in) {
            Path<?> path = path(root, in.property());
            CriteriaBuilder.In<Object> clause = cb.in(comparable(root, cb, in.property()));
            in.values().forEach(v -> clause.value(valueFor(path, v)));
            return clause;
        }
        if (criterion instanceof Criterion.Compare cmp) {
            return compare(cb, root, cmp);
        }
        if (criterion instanceof Criterion.Any any) {
            throw Refused.invalid("Filtering with " + any.collection() + "/any(...) is not supported on this resource.");
        }
        if (criterion instanceof Criterion.And and) {
            return cb.and(and.all().stream().map(c -> toPredicate(c, root, cb)).toArray(Predicate[]::new));
        }
        Criterion.Or or = (Criterion.Or) criterion;
        return cb.or(or.any().stream().map(c -> toPredicate(c, root, cb)).toArray(Predicate[]::new));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Predicate compare(CriteriaBuilder cb, Root<?> root, Criterion.Compare cmp) {
        Path<?> attribute = path(root, cmp.property());
        Class<?> type = attribute.getJavaType();
        if (type == Boolean.class || type == boolean.class || type.isEnum() || type == java.util.UUID.class) {
            throw Refused.invalid("'" + cmp.property() + "' cannot be compared with " + cmp.operator().name().toLowerCase(Locale.ROOT)
                    + "; use eq or ne.");
        }
        Expression<Comparable> path = (Expression<Comparable>) (Expression) (type == String.class ? folded(root, cb, cmp.property()) : attribute);
        Comparable value = (Comparable) valueFor(attribute, cmp.value());
        return switch (cmp.operator()) {
            case GE -> cb.greaterThanOrEqualTo(path, value);
            case GT -> cb.greaterThan(path, value);
            case LE -> cb.lessThanOrEqualTo(path, value);
            case LT -> cb.lessThan(path, value);
        };
    }

    /** Strings compare case-insensitively, as Graph's eq does on names. */
    @SuppressWarnings("unchecked")
    private Expression<Object> comparable(Root<?> root, CriteriaBuilder cb, String property) {
        Path<?> path = path(root, property);
        return (Expression<Object>) (path.getJavaType() == String.class ? folded(root, cb, property) : path);
    }

    /** A string attribute lower-cased: as stored when it is {@link CaseFolded}, else {@code lower(column)}. */
    private Expression<String> folded(Root<?> root, CriteriaBuilder cb, String property) {
        Expression<String> value = path(root, property).as(String.class);
        Member member = root.getModel().getAttribute(attributes.get(property)).getJavaMember();
        return member instanceof AnnotatedElement stored && stored.isAnnotationPresent(CaseFolded.class) ? value : cb.lower(value);
    }

    /** Converts a literal to the attribute's type: lower-cased strings, enum constants (any case), UUIDs. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object valueFor(Path<?> path, Object value) {
        Class<?> type = path.getJavaType();
        if (value instanceof String s) {
            if (type == String.class) {
                return s.toLowerCase(Locale.ROOT);
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum) constant).name().equalsIgnoreCase(s)) {
                        return constant;
                    }
                }
                throw Refused.invalid("'" + s + "' is not a valid value for this property.");
            }
            if (type == java.util.UUID.class) {
                try {
                    return java.util.UUID.fromString(s);
                } catch (IllegalArgumentException e) {
                    throw Refused.invalid("'" + s + "' is not a valid GUID.");
                }
            }
        }
        if (value == null) {
            throw Refused.invalid("null can only be compared with eq or ne.");
        }
        if (type == java.time.Instant.class) {
            if (!(value instanceof java.time.Instant)) {
                throw Refused.invalid("The value '" + value + "' must be a date-time such as 2026-01-31T00:00:00Z, without quotes.");
            }
            return value;
        }
        if ((type == Integer.class || type == int.class || type == Long.class || type == long.class) && !(value instanceof Number)) {
            throw Refused.invalid("The value '" + value + "' must be a number.");
        }
        if (value instanceof Number number && (type == Integer.class || type == int.class)) {
            return number.intValue();
        }
        if (value instanceof Number number && (type == Long.class || type == long.class)) {
            return number.longValue();
        }
        if (type == Boolean.class || type == boolean.class) {
            if (!(value instanceof Boolean)) {
                throw Refused.invalid("The value '" + value + "' must be true or false.");
            }
            return value;
        }
        if (type.isEnum() || type == java.util.UUID.class || type == String.class) {
            throw Refused.invalid("The value '" + value + "' must be a string literal.");
        }
        if (!type.isInstance(value)) {
            // A literal of a type the attribute cannot hold would fail in the database; refuse it here, in words.
            throw Refused.invalid("The value '" + value + "' does not fit this property.");
        }
        return value;
    }

    private Path<?> path(Root<?> root, String property) {
        String attribute = attributes.get(property);
        if (attribute == null) {
            throw Refused.invalid("Filtering on the property '" + property + "' is not supported. Supported: "
                    + String.join(", ", attributes.keySet().stream().sorted().toList()) + ".");
        }
        return root.get(attribute);
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
