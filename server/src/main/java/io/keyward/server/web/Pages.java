package io.keyward.server.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The end-user pages and their scripts and styles, read once from the classpath
 * ({@code io/keyward/server/web/pages}, {@code io/keyward/server/web/assets}). The JAX-RS application owns the
 * server root, so nothing under {@code webapp/} is reachable; these are served by resources instead.
 *
 * <p>Pages are static: every user-specific value is filled in by the page's script with {@code textContent}, so
 * the strict Content-Security-Policy below (no inline script or style) holds for all of them.
 */
final class Pages {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", "utf-8");
    static final MediaType CSS = new MediaType("text", "css", "utf-8");
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("utf-8");

    static final MediaType SVG = new MediaType("image", "svg+xml");

    /** Asset names: lowercase words, one extension that decides the content type. */
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}\\.(js|css|svg)");
    private static final Map<String, MediaType> TYPES = Map.of("js", JAVASCRIPT, "css", CSS, "svg", SVG);
    private static final Map<String, Optional<byte[]>> CACHE = new ConcurrentHashMap<>();

    private Pages() {
    }

    /**
     * A page ({@code signin}, {@code security-info}) with the organization's name and logo ({@link Branding}) and the
     * security headers every page carries. The branding is in the page as it arrives, so it never flashes in late.
     */
    static Response page(String name) {
        return rendered(name, 200, Map.of());
    }

    /**
     * A page rendered on the server: {@code {{organization}}} and {@code {{logo}}} are the organization's, and each
     * other {@code {{name}}} in the template is replaced by the value's HTML escape. Still no script and no style in
     * the page, so the same policy holds.
     */
    static Response rendered(String name, int status, Map<String, String> text) {
        Branding branding = CDI.current().select(Branding.class).get();
        String html = new String(read("pages/" + name + ".html")
                .orElseThrow(() -> new IllegalStateException("page " + name + " is missing from the WAR")), StandardCharsets.UTF_8);
        html = html.replace("{{logo}}", branding.hasLogo() ? "<img id=\"brand-logo\" class=\"brand-logo\" src=\"/branding/logo\" alt=\"\">" : "");
        Map<String, String> values = new java.util.HashMap<>(text);
        values.put("organization", branding.organizationName());
        for (Map.Entry<String, String> value : values.entrySet()) {
            html = html.replace("{{" + value.getKey() + "}}", Html.escape(value.getValue()));
        }
        return secured(Response.status(status).entity(html.getBytes(StandardCharsets.UTF_8)).type(HTML))
                .header("Cache-Control", "no-store").build();
    }

    /** A script, style sheet or icon, or 404 for any other name. */
    static Response asset(String name) {
        var matcher = ASSET_NAME.matcher(name == null ? "" : name);
        if (!matcher.matches()) {
            return Response.status(404).build();
        }
        return read("assets/" + name)
                .map(bytes -> secured(Response.ok(bytes, TYPES.get(matcher.group(1)))).header("Cache-Control", "no-cache").build())
                .orElseGet(() -> Response.status(404).build());
    }

    private static Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    private static Optional<byte[]> read(String path) {
        return CACHE.computeIfAbsent(path, p -> {
            try (InputStream in = Pages.class.getResourceAsStream(p)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        });
    }
}
