package io.keyward.server.web;

import io.keyward.server.platform.KeywardConfig;
import jakarta.ws.rs.core.UriInfo;

/**
 * The public base URL of this request: its origin as {@link TrustedBaseUri} set it (the configured base URL, the HTTPS
 * one for a request over TLS, or a trusted proxy's word).
 */
final class BaseUrls {

    private BaseUrls() {
    }

    static String of(KeywardConfig config, UriInfo uri) {
        return uri.getBaseUri().toString().replaceAll("/$", "");
    }

    static String issuer(KeywardConfig config, UriInfo uri, String tenantId) {
        return io.keyward.server.token.AccessTokens.issuer(of(config, uri), tenantId);
    }
}
