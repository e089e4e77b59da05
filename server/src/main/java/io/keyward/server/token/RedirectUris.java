package io.keyward.server.token;

import io.keyward.server.platform.Refused;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * What may be registered as a redirect or sign-out redirect URI (RFC 6749 §3.1.2, RFC 8252 §7, RFC 9700 §2.1):
 * an absolute URI without a fragment or wildcard, https, or http only to the loopback interface (native apps), or a
 * private-use scheme with a dot (a native app's reverse domain name). Matching is exact, so nothing is normalized.
 */
public final class RedirectUris {

    static final int MAX_LENGTH = 2048;
    /** Entra's limit per app. */
    static final int MAX_COUNT = 256;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUris() {
    }

    public static void requireValid(Set<String> uris) {
        if (uris.size() > MAX_COUNT) {
            throw Refused.invalid("An application can have at most " + MAX_COUNT + " redirect URIs.");
        }
        uris.forEach(RedirectUris::requireValid);
    }

    public static void requireValid(String uri) {
        if (uri.length() > MAX_LENGTH || uri.contains("*") || uri.contains("#")) {
            throw invalid(uri, "must not be longer than " + MAX_LENGTH + " characters or contain a wildcard or a fragment");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw invalid(uri, "is not a URI");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "https" -> parsed.getHost() != null;
            case "http" -> parsed.getHost() != null && LOOPBACK.contains(parsed.getHost().toLowerCase(Locale.ROOT));
            case "" -> false;
            default -> scheme.contains(".");
        };
        if (!ok) {
            throw invalid(uri, "must be https, http to localhost, or a private-use scheme such as com.example.app:/callback");
        }
    }

    private static Refused invalid(String uri, String why) {
        String shown = uri.length() > 64 ? uri.substring(0, 64) + "…" : uri;
        return Refused.invalid("The redirect URI '" + shown + "' " + why + ".");
    }
}
