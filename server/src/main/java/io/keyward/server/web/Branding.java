package io.keyward.server.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.Tenant;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.KeywardConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The organization's branding on the end-user pages, from {@code keyward.branding.*} (docs/configuration.md):
 * {@code GET /branding} (name and logo address, JSON), {@code GET /branding/logo}, {@code GET /branding/colors.css}.
 * Served from the pages' own origin, so the strict Content-Security-Policy ({@code img-src 'self'},
 * {@code style-src 'self'}) holds; the name reaches the page only as text.
 */
@RequestScoped
@Path("branding")
public class Branding {

    private static final Logger LOG = Logger.getLogger(Branding.class.getName());
    private static final Map<String, String> LOGO_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "webp", "image/webp", "svg", "image/svg+xml");

    @Inject
    KeywardConfig config;

    @Inject
    TenantService tenants;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response branding() {
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        body.put("name", organizationName());
        body.put("logo", hasLogo() ? "/branding/logo" : null);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("logo")
    public Response logo() {
        Optional<String> type = logoType();
        if (type.isEmpty()) {
            return Response.status(404).build();
        }
        try {
            // An SVG opened on its own is a document: the policy keeps any script in it from running.
            return Response.ok(Files.readAllBytes(config.brandingLogo().orElseThrow()), type.get())
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                    .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-cache").build();
        } catch (IOException e) {
            LOG.warning("keyward.branding.logo " + config.brandingLogo().orElseThrow() + " cannot be read: " + e.getMessage());
            return Response.status(404).build();
        }
    }

    @GET
    @Path("colors.css")
    public Response colors() {
        config.brandingPrimaryColor().filter(c -> !BrandColors.valid(c))
                .ifPresent(c -> LOG.warning("keyward.branding.primary-color '" + c + "' is not #rrggbb; Keyward's own color is used"));
        config.brandingHeaderColor().filter(c -> !BrandColors.valid(c))
                .ifPresent(c -> LOG.warning("keyward.branding.header-color '" + c + "' is not #rrggbb; Keyward's own color is used"));
        return Response.ok(BrandColors.of(config.brandingPrimaryColor(), config.brandingHeaderColor()).css(), Pages.CSS)
                .header("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").build();
    }

    /** {@code keyward.branding.name}, else the tenant's display name. */
    String organizationName() {
        return config.brandingName().or(() -> tenants.find().map(Tenant::displayName)).orElse("Keyward");
    }

    boolean hasLogo() {
        return logoType().isPresent();
    }

    /** The logo's content type when a readable logo file of a known type is configured. */
    private Optional<String> logoType() {
        return config.brandingLogo().filter(Files::isReadable).flatMap(path -> {
            String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
            return Optional.ofNullable(LOGO_TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        });
    }
}
