package io.keyward.server.platform.query;

import io.keyward.server.directory.DirectoryUser;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the predicates {@link CriteriaTranslator} builds, on {@link DirectoryUser}'s real fields: a
 * {@link CaseFolded} column is compared as stored (its index can serve the filter), any other string through
 * {@code lower()}. The JPA criteria objects are stand-ins that render what was built, e.g. {@code equal(lower(displayName), ada)}.
 */
class CriteriaTranslatorTest {

    private static final CriteriaTranslator USERS = new CriteriaTranslator(Map.of("userPrincipalName", "upnKey", "displayName", "displayName"));

    @Test
    void aCaseFoldedColumnIsComparedAsStoredAgainstTheLowerCasedValue() {
        assertThat(shape(new Criterion.Equals("userPrincipalName", "Ada.Lovelace@IT.example"))).isEqualTo("equal(upnKey, ada.lovelace@it.example)");
        assertThat(shape(new Criterion.In("userPrincipalName", List.of("A@it.example", "B@it.example"))))
                .isEqualTo("in(upnKey, a@it.example, b@it.example)");
        assertThat(shape(new Criterion.StartsWith("userPrincipalName", "Ada"))).isEqualTo("like(upnKey, ada%)");
    }

    @Test
    void anyOtherStringIsLowerCasedOnBothSides() {
        assertThat(shape(new Criterion.Equals("displayName", "Ada"))).isEqualTo("equal(lower(displayName), ada)");
        assertThat(shape(new Criterion.StartsWith("displayName", "Ada"))).isEqualTo("like(lower(displayName), ada%)");
    }

    private static String shape(Criterion criterion) {
        return USERS.toPredicate(criterion, root(), builder()).toString();
    }

    /** A root over DirectoryUser whose paths are named by their attribute and whose metamodel members are the entity's fields. */
    @SuppressWarnings("unchecked")
    private static Root<DirectoryUser> root() {
        EntityType<DirectoryUser> model = stub(EntityType.class, "DirectoryUser", (method, args) -> stub(Attribute.class, (String) args[0],
                (m, a) -> field((String) args[0])));
        return stub(Root.class, "user", (method, args) -> switch (method) {
            case "get" -> path((String) args[0]);
            case "getModel" -> model;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private static Path<Object> path(String attribute) {
        return stub(Path.class, attribute, (method, args) -> switch (method) {
            case "getJavaType" -> field(attribute).getType();
            case "as" -> path(attribute);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private static java.lang.reflect.Field field(String attribute) {
        try {
            return DirectoryUser.class.getDeclaredField(attribute);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** Builds each expression as text: {@code operation(operand, …)}. */
    private static CriteriaBuilder builder() {
        return stub(CriteriaBuilder.class, "cb", (method, args) -> {
            String operands = Arrays.stream(args).filter(a -> !(a instanceof Character)).map(String::valueOf).collect(Collectors.joining(", "));
            if (method.equals("in")) {
                return in(operands);
            }
            Class<?> type = method.equals("lower") ? Expression.class : Predicate.class;
            return stub(type, method + "(" + operands + ")", (m, a) -> {
                throw new UnsupportedOperationException(m);
            });
        });
    }

    private static CriteriaBuilder.In<Object> in(String expression) {
        StringBuilder values = new StringBuilder();
        return stub(CriteriaBuilder.In.class, null, (method, args) -> {
            if (method.equals("toString")) {
                return "in(" + expression + values + ")";
            }
            values.append(", ").append(args[0]);
            return null;
        });
    }

    /** An implementation of {@code type} that answers {@code toString} with {@code text} (unless null) and everything else with {@code answer}. */
    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<?> type, String text, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(CriteriaTranslatorTest.class.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) ->
                text != null && method.getName().equals("toString") ? text : answer.apply(method.getName(), args == null ? new Object[0] : args));
    }
}
