package io.keyward.server.webauthn;

import io.keyward.server.platform.KeywardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The relying party: its id ({@code keyward.rp.id}, default the host of {@code keyward.base-url}, else
 * {@code localhost}), its name, and the origins whose client data it accepts: {@code https://{rpId}} (what
 * provisioning clients put in the clientDataJSON they build themselves), the origins of the public base URL and of the
 * HTTPS base URL, and any extra origins in {@code keyward.rp.origins} (the kiosk).
 */
@ApplicationScoped
public class RelyingParty {

    @Inject
    KeywardConfig config;

    public String id() {
        return config.value("keyward.rp.id").orElseGet(() -> config.publicBaseUrl()
                .map(url -> URI.create(url).getHost()).orElse("localhost"));
    }

    public String name() {
        return config.value("keyward.rp.name").orElse("Keyward");
    }

    public Set<String> origins() {
        Set<String> origins = new LinkedHashSet<>();
        origins.add("https://" + id());
        config.publicBaseUrl().map(RelyingParty::originOf).ifPresent(origins::add);
        config.httpsBaseUrl().map(RelyingParty::originOf).ifPresent(origins::add);
        config.value("keyward.rp.origins").ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(RelyingParty::originOf).forEach(origins::add));
        return origins;
    }

    static String originOf(String url) {
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme().toLowerCase();
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + uri.getHost().toLowerCase() + (defaultPort ? "" : ":" + port);
    }
}
