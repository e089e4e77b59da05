package io.keyward.server.bootstrap;

import io.keyward.server.platform.Actor;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.StartupFailure;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.ClientApplication;
import io.keyward.server.token.GraphPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Registers Keyward's own admin center ({@code /admin}) as a confidential web app when it is configured
 * ({@code keyward.admin.client-id} and {@code keyward.admin.client-secret}) and not registered yet: the redirect URI and
 * the sign-out URI come from the public base URL, and the app is granted every delegated Graph permission, so that what
 * an administrator may do is decided by their directory role alone (Graph checks role × scope on every call).
 */
@ApplicationScoped
public class AdminCenterRegistration {

    static final String DISPLAY_NAME = "Keyward admin center";
    private static final Logger LOG = Logger.getLogger(AdminCenterRegistration.class.getName());
    private static final Actor BOOTSTRAP = Actor.system("Keyward bootstrap");

    @Inject
    KeywardConfig config;

    @Inject
    AppRegistrations apps;

    /** Returns the registration made now, or empty when it existed already or the admin center is not configured. */
    public Optional<ClientApplication> ensureRegistered() {
        Optional<String> clientId = config.adminClientId();
        Optional<String> secret = config.adminClientSecret();
        if (clientId.isEmpty() || secret.isEmpty()) {
            LOG.info("The admin center is not configured (keyward.admin.client-id / keyward.admin.client-secret); /admin will not sign anyone in.");
            return Optional.empty();
        }
        UUID appId;
        try {
            appId = UUID.fromString(clientId.get());
        } catch (IllegalArgumentException e) {
            throw new StartupFailure("keyward.admin.client-id must be a GUID, not '" + clientId.get() + "'.", e);
        }
        if (secret.get().length() < 32) {
            throw new StartupFailure("keyward.admin.client-secret must be at least 32 characters long.");
        }
        if (apps.findByClientId(appId.toString()).isPresent()) {
            return Optional.empty();
        }
        String base = config.publicBaseUrl().orElseThrow(() -> new StartupFailure(
                "The admin center needs keyward.base-url (KEYWARD_BASE_URL) for its redirect URI."));
        Set<String> delegated = Arrays.stream(GraphPermission.values()).map(GraphPermission::value).collect(Collectors.toSet());
        ClientApplication app = apps.registerConfiguredWebApp(appId, DISPLAY_NAME, secret.get(), Set.of(base + "/admin/"),
                Set.of(base + "/admin/signed-out.xhtml"), delegated, BOOTSTRAP);
        LOG.info(() -> "Registered the admin center (client id " + app.appId() + ", redirect URI " + base + "/admin/).");
        return Optional.of(app);
    }
}
