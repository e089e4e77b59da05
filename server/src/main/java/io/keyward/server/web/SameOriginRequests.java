package io.keyward.server.web;

import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Login, logout and Security info CSRF protection: a state-changing call to the pages' JSON API ({@code /signin/*},
 * {@code /myaccount/*}) must come from Keyward's own pages. It must carry JSON ({@code Content-Type:
 * application/json}, which a cross-site HTML form cannot send without a CORS preflight Keyward never grants) and
 * the browser must say it is same-origin: {@code Origin} equal to Keyward's public origin, or, where a browser sends
 * no {@code Origin}, {@code Sec-Fetch-Site: same-origin}. Refusals are {@code crossSiteRequestRefused} (403) and
 * {@code unsupportedMediaType} (415), logged with their reason.
 */
@Provider
public class SameOriginRequests implements ContainerRequestFilter {

    private static final System.Logger LOG = System.getLogger(SameOriginRequests.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    @Inject
    KeywardConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceFirst("^/", "");
        if (SAFE_METHODS.contains(request.getMethod()) || !(path.startsWith("signin/") || path.startsWith("myaccount"))) {
            return;
        }
        String expected = origin(URI.create(BaseUrls.of(config, request.getUriInfo())));
        String origin = request.getHeaderString("Origin");
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        boolean sameOrigin = origin != null ? origin.equalsIgnoreCase(expected) : "same-origin".equals(fetchSite);
        if (!sameOrigin) {
            throw refuse(new Refused(ReasonCode.CROSS_SITE_REQUEST, "This request did not come from Keyward's own pages ("
                    + (origin != null ? "origin " + abbreviate(origin) : "no Origin header") + "), so it was refused to protect your account."),
                    request);
        }
        MediaType type = request.getMediaType();
        if (BODY_METHODS.contains(request.getMethod()) && (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || !"json".equals(type.getSubtype().toLowerCase(Locale.ROOT)))) {
            throw refuse(new Refused(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "This request must be sent as application/json."), request);
        }
    }

    private static Refused refuse(Refused refused, ContainerRequestContext request) {
        LOG.log(System.Logger.Level.WARNING, "refused {0} {1}: {2} ({3})", request.getMethod(), request.getUriInfo().getPath(),
                refused.reason().code(), refused.getMessage());
        return refused;
    }

    static String origin(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(uri.getScheme()) && port == 80) || ("https".equals(uri.getScheme()) && port == 443);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
