package io.keyward.admin;

import java.util.Locale;
import java.util.Optional;

/**
 * The admin center's configuration, read as the server reads its own: the system property {@code keyward.x.y} or the
 * environment variable {@code KEYWARD_X_Y}. The client id and secret are the ones the server registers the admin
 * center with on its first start ({@code ./keyward} generates them into the data directory).
 */
public final class AdminSettings {

    private AdminSettings() {
    }

    /** Where the admin center reaches Keyward (its OpenID provider and Graph): {@code keyward.admin.server-url}, else {@code keyward.base-url}. */
    public static String serverUrl() {
        return value("keyward.admin.server-url").or(() -> value("keyward.base-url"))
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseThrow(() -> new AdminCenterNotConfigured("keyward.base-url (KEYWARD_BASE_URL) is not set"));
    }

    /** The tenant in the sign-in URLs: its id or domain ({@code keyward.tenant.domain}, as the server's default). */
    public static String tenant() {
        return value("keyward.admin.tenant").or(() -> value("keyward.tenant.domain"))
                .orElse("prod".equalsIgnoreCase(value("keyward.mode").orElse("dev")) ? "keyward.local" : "contoso.keyward.local");
    }

    public static String clientId() {
        return value("keyward.admin.client-id")
                .orElseThrow(() -> new AdminCenterNotConfigured("keyward.admin.client-id (KEYWARD_ADMIN_CLIENT_ID) is not set"));
    }

    public static String clientSecret() {
        return value("keyward.admin.client-secret")
                .orElseThrow(() -> new AdminCenterNotConfigured("keyward.admin.client-secret (KEYWARD_ADMIN_CLIENT_SECRET) is not set"));
    }

    /** Keyward's Graph resource ({@code keyward.graph.resource}); the admin center asks for its {@code .default} scope. */
    public static String graphResource() {
        return value("keyward.graph.resource").orElse("https://graph.keyward.local");
    }

    static Optional<String> value(String name) {
        String property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        String env = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.trim());
    }

    /** The admin center cannot sign anyone in: a setting is missing. */
    public static final class AdminCenterNotConfigured extends IllegalStateException {
        public AdminCenterNotConfigured(String message) {
            super("The admin center is not configured: " + message + ". See docs/admin-center.md.");
        }
    }
}
