package io.keyward.server.it;

import io.keyward.server.graph.GraphApi;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Graph operations as JAX-RS declares them, found by reflection over {@link GraphApi}'s resources (as
 * EveryGraphOperationDeclaresItsPermissions does), and which one a request would reach.
 */
final class GraphOperations {

    /** One resource method: its HTTP method, its path template as a regex, and how many literal characters it has. */
    record Operation(String name, String httpMethod, Pattern path, int literals) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*(\\w+)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private GraphOperations() {
    }

    static List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        for (Class<?> resource : new GraphApi().getClasses()) {
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                Optional<String> http = Arrays.stream(method.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(h -> h != null).map(HttpMethod::value).findFirst();
                if (http.isEmpty()) {
                    continue;
                }
                String template = (root.value() + Optional.ofNullable(method.getAnnotation(Path.class)).map(p -> "/" + p.value()).orElse(""))
                        .replaceAll("/+", "/");
                operations.add(new Operation(resource.getSimpleName() + "." + method.getName(), http.get(), regex(template),
                        literals(template)));
            }
        }
        return operations;
    }

    /** The operation JAX-RS would pick for this request: of those that match, the one with the most literal characters. */
    static Optional<Operation> reachedBy(List<Operation> operations, String httpMethod, String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return operations.stream().filter(op -> op.httpMethod().equals(httpMethod) && op.path().matcher(withoutQuery).matches())
                .max(Comparator.comparingInt(Operation::literals));
    }

    private static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start())));
            regex.append('(').append(variable.group(2) == null ? "[^/]+" : variable.group(2)).append(')');
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    private static int literals(String template) {
        return VARIABLE.matcher(template).replaceAll("").length();
    }
}
