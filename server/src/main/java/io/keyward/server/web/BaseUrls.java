package io.keyward.server.web;

import io.keyward.server.platform.KeywardConfig;
import jakarta.ws.rs.core.UriInfo;

/** The public base URL: {@code keyward.base-url} when configured, otherwise the one the request came in on. */
final class BaseUrls {

    private BaseUrls() {
    }

    static String of(KeywardConfig config, UriInfo uri) {
        return config.publicBaseUrl().orElseGet(() -> uri.getBaseUri().toString().replaceAll("/$", ""));
    }

    static String issuer(KeywardConfig config, UriInfo uri, String tenantId) {
        return io.keyward.server.token.AccessTokens.issuer(of(config, uri), tenantId);
    }
}
