package io.keyward.server.graph;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the path forms real Graph clients send (GRAPH-API §1.1, §6, §7.1) to the one form the resources
 * declare, before JAX-RS matches a resource:
 * <ul>
 *   <li>segment names in any casing → their canonical casing ({@link #SEGMENTS});</li>
 *   <li>OData key syntax on keyed collections, {@code authenticationMethodConfigurations('Fido2')} →
 *       {@code authenticationMethodConfigurations/Fido2} ({@link #KEYED});</li>
 *   <li>a call of a function without parameters, {@code delta()} → {@code delta} ({@link #FUNCTIONS});</li>
 *   <li>the legacy alias {@code /{version}/authenticationMethodsPolicy/…} → {@code /{version}/policies/authenticationMethodsPolicy/…};</li>
 *   <li>the alias {@code /{version}/identity/conditionalAccess/authenticationStrength/policies/…} →
 *       {@code /{version}/policies/authenticationStrengthPolicies/…} (GRAPH-API.md §3).</li>
 * </ul>
 * Only segments named in these tables change: ids, UPNs and OData function calls such as
 * {@code creationOptions(challengeTimeoutInMinutes=10)} pass through untouched. The query string is kept as sent.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class GraphPathCanonicalizer implements ContainerRequestFilter {

    /** Navigation segments matched case-insensitively, by their canonical name. Add a name here to canonicalize it. */
    static final Map<String, String> SEGMENTS = canonicalNames(Set.of(
            "policies", "authenticationMethodsPolicy", "authenticationMethodConfigurations"));

    /** Collections that accept OData key syntax {@code name('key')} / {@code name(key)}. */
    static final Set<String> KEYED = Set.of("authenticationMethodConfigurations");

    /** OData functions without parameters, which clients call as {@code name()} (the Graph SDKs' {@code users/delta()}). */
    static final Set<String> FUNCTIONS = Set.of("delta");

    /** Root segments that are aliases: the first segment after the version, and the prefix it stands for. */
    static final Map<String, String> ROOT_ALIASES = Map.of("authenticationMethodsPolicy", "policies");

    /** Paths after the version that stand for another path: the alias and what it stands for (matched case-insensitively). */
    static final Map<String, String> PATH_ALIASES = Map.of("identity/conditionalaccess/authenticationstrength/policies",
            "policies/authenticationStrengthPolicies");

    private static final Pattern KEY_SYNTAX = Pattern.compile("([A-Za-z0-9]+)\\((?:'([^'()]*)'|([^'()=,]*))\\)");

    @Override
    public void filter(ContainerRequestContext request) {
        URI base = request.getUriInfo().getBaseUri();
        String path = request.getUriInfo().getPath(false);
        canonical(path).ifPresent(canonical -> {
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            String root = base.toString().endsWith("/") ? base.toString() : base + "/";
            request.setRequestUri(base, URI.create(root + canonical + (query == null ? "" : "?" + query)));
        });
    }

    /** The canonical form of a path relative to {@code /graph} (encoded), or empty when it already is canonical. */
    static Optional<String> canonical(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        int versionEnd = relative.indexOf('/');
        if (versionEnd > 0) {
            String rest = relative.substring(versionEnd + 1);
            for (Map.Entry<String, String> alias : PATH_ALIASES.entrySet()) {
                String lower = rest.toLowerCase(Locale.ROOT);
                if (lower.equals(alias.getKey()) || lower.startsWith(alias.getKey() + "/")) {
                    String rewritten = relative.substring(0, versionEnd + 1) + alias.getValue() + rest.substring(alias.getKey().length());
                    return Optional.of(canonical(rewritten).orElse(rewritten));
                }
            }
        }
        String[] segments = relative.split("/", -1);
        List<String> out = new ArrayList<>(segments.length + 1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            Matcher key = KEY_SYNTAX.matcher(segment.replace("%27", "'").replace("%28", "(").replace("%29", ")"));
            if (key.matches() && KEYED.contains(canonicalName(key.group(1)))) {
                out.add(canonicalName(key.group(1)));
                out.add(key.group(2) != null ? key.group(2) : key.group(3));
                continue;
            }
            if (segment.endsWith("()") && FUNCTIONS.contains(segment.substring(0, segment.length() - 2))) {
                out.add(segment.substring(0, segment.length() - 2));
                continue;
            }
            String name = canonicalName(segment);
            if (i == 1 && ROOT_ALIASES.containsKey(name)) {
                out.add(ROOT_ALIASES.get(name));
            }
            out.add(name);
        }
        String canonical = String.join("/", out);
        return canonical.equals(relative) ? Optional.empty() : Optional.of(canonical);
    }

    private static String canonicalName(String segment) {
        return SEGMENTS.getOrDefault(segment.toLowerCase(Locale.ROOT), segment);
    }

    private static Map<String, String> canonicalNames(Set<String> names) {
        return names.stream().collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));
    }
}
