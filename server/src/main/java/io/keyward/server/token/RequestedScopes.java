package io.keyward.server.token;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code scope} parameter (RFC 6749 §3.3): a space-separated list of OpenID Connect scopes ({@code openid},
 * {@code profile}, {@code email}, {@code offline_access}) and Graph permissions, either by name
 * ({@code User.Read}) or under a name of Keyward's Graph resource ({@code https://graph.keyward.local/User.Read},
 * {@code https://graph.microsoft.com/User.Read}); {@code {resource}/.default} asks for every permission the app
 * was granted. Keyward's own origins (http and https, with and without the port) name the Graph resource too, as
 * SDKs derive the resource from their base URL.
 */
public record RequestedScopes(Set<String> openIdScopes, Set<GraphPermission> graphScopes, boolean graphDefault) {

    public static final Set<String> OPENID_SCOPES = Set.of("openid", "profile", "email", "offline_access");
    static final String MICROSOFT_GRAPH = "https://graph.microsoft.com";
    static final String MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    /** A scope value that names nothing Keyward knows, or a list that is not a list. */
    public static final class InvalidScope extends Exception {
        public InvalidScope(String message) {
            super(message);
        }
    }

    public RequestedScopes {
        openIdScopes = Set.copyOf(openIdScopes);
        graphScopes = Set.copyOf(graphScopes);
    }

    /** Parses {@code scope}; {@code ownBaseUrls} are Keyward's base URLs, whose origins name its Graph resource too. */
    public static RequestedScopes parse(String scope, String graphResource, Collection<String> ownBaseUrls) throws InvalidScope {
        if (scope == null || scope.isBlank()) {
            throw new InvalidScope("The request must contain the parameter 'scope'.");
        }
        Set<String> openId = new LinkedHashSet<>();
        Set<GraphPermission> graph = new LinkedHashSet<>();
        boolean graphDefault = false;
        for (String value : scope.trim().split(" +")) {
            if (OPENID_SCOPES.contains(value)) {
                openId.add(value);
                continue;
            }
            String name = value;
            int slash = value.lastIndexOf('/');
            if (slash >= 0) {
                if (!isGraphResource(value.substring(0, slash), graphResource, ownBaseUrls)) {
                    throw new InvalidScope("The scope '" + abbreviate(value) + "' is for a resource Keyward does not serve; "
                            + "use the Graph permission's name or '" + graphResource + "/.default'.");
                }
                name = value.substring(slash + 1);
            }
            if (name.equals(".default") && slash >= 0) {
                graphDefault = true;
                continue;
            }
            String permissionName = name;
            graph.add(GraphPermission.parse(permissionName).orElseThrow(() -> new InvalidScope(
                    "The scope '" + abbreviate(value) + "' is not an OpenID Connect scope or a Graph permission Keyward knows.")));
        }
        if (graphDefault && !graph.isEmpty()) {
            throw new InvalidScope("'.default' cannot be combined with named Graph permissions (AADSTS70011).");
        }
        return new RequestedScopes(openId, graph, graphDefault);
    }

    /**
     * The delegated scopes a user's token for {@code app} carries: the OpenID Connect scopes asked for (but
     * {@code offline_access}, which only asks for a refresh token) and the Graph permissions asked for, each of
     * which must be one an administrator granted the app; {@code .default} gives all of them. {@code User.Read}
     * (the signed-in user's own profile) is granted to every app, as in Entra.
     */
    public Set<String> delegatedScopes(ClientApplication app) throws InvalidScope {
        Set<String> granted = new LinkedHashSet<>(app.delegatedPermissions());
        granted.add(GraphPermission.USER_READ.value());
        Set<String> scopes = new LinkedHashSet<>(openIdScopes);
        scopes.remove("offline_access");
        if (graphDefault) {
            scopes.addAll(granted);
        }
        for (GraphPermission permission : graphScopes) {
            if (!granted.contains(permission.value())) {
                throw new InvalidScope("The app '" + app.displayName() + "' has not been granted the delegated permission "
                        + permission.value() + "; an administrator grants it in the app registration.");
            }
            scopes.add(permission.value());
        }
        return scopes;
    }

    public boolean wantsRefreshToken() {
        return openIdScopes.contains("offline_access");
    }

    public boolean isOpenId() {
        return openIdScopes.contains("openid");
    }

    /**
     * Keyward's Graph resource, Microsoft Graph's, or one of Keyward's own origins: what a Graph SDK given no scopes
     * asks for ({@code {scheme}://{host}/.default} of its base URL). An own origin is a host of one of Keyward's base
     * URLs, over http or https, with no port or with the port of a base URL of that scheme.
     */
    static boolean isGraphResource(String resource, String graphResource, Collection<String> ownBaseUrls) {
        String given = trimSlash(resource).toLowerCase(Locale.ROOT);
        if (given.equals(trimSlash(graphResource).toLowerCase(Locale.ROOT)) || given.equals(MICROSOFT_GRAPH)
                || given.equals(MICROSOFT_GRAPH_APP_ID)) {
            return true;
        }
        return ownBaseUrls.stream().anyMatch(base -> ownOrigin(given, base));
    }

    private static boolean ownOrigin(String given, String base) {
        try {
            URI a = URI.create(given);
            URI b = URI.create(trimSlash(base).toLowerCase(Locale.ROOT));
            boolean web = "http".equals(a.getScheme()) || "https".equals(a.getScheme());
            boolean originOnly = (a.getRawPath() == null || a.getRawPath().isEmpty()) && a.getRawQuery() == null
                    && a.getRawFragment() == null && a.getRawUserInfo() == null;
            boolean port = a.getPort() == -1 || a.getScheme().equals(b.getScheme()) && port(a) == port(b);
            return web && originOnly && a.getHost() != null && a.getHost().equals(b.getHost()) && port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String trimSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
