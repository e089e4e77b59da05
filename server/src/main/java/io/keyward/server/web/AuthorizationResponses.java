package io.keyward.server.web;

import io.keyward.server.token.AuthorizationRefused;
import io.keyward.server.token.AuthorizationRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the authorization endpoint answers: the code or an error back to the app's registered redirect URI, in the
 * query (RFC 6749 §4.1.2) or as an auto-submitted form (OAuth 2.0 Form Post Response Mode), with {@code iss}
 * (RFC 9207) against mix-up attacks; or, when the redirect URI cannot be trusted, an error page for the person.
 */
final class AuthorizationResponses {

    private AuthorizationResponses() {
    }

    static Response code(AuthorizationRequest request, String code, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        request.state().ifPresent(state -> parameters.put("state", state));
        parameters.put("iss", issuer);
        return toApp(request.redirectUri(), request.responseMode(), parameters);
    }

    static Response error(AuthorizationRefused.Redirect redirect, String error, String description, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        redirect.state().ifPresent(state -> parameters.put("state", state));
        parameters.put("iss", issuer);
        return toApp(redirect.redirectUri(), redirect.mode(), parameters);
    }

    /** An error the person sees on Keyward's page, because it cannot go to an unverified redirect URI. */
    static Response page(int status, String title, String message) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><link rel=\"stylesheet\" href=\"/assets/keyward.css\"></head><body><main><h1>" + Html.escape(title)
                + "</h1><p id=\"authorize-error\">" + Html.escape(message) + "</p></main></body></html>";
        return Response.status(status).type(Pages.HTML).entity(html).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY").build();
    }

    private static Response toApp(String redirectUri, AuthorizationRequest.ResponseMode mode, Map<String, String> parameters) {
        if (mode == AuthorizationRequest.ResponseMode.FORM_POST) {
            return formPost(redirectUri, parameters);
        }
        // RFC 6749 §3.1.2: a query the redirect URI already has is kept; the response parameters are added to it.
        StringBuilder location = new StringBuilder(redirectUri);
        char separator = redirectUri.indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            location.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return Response.status(303).location(URI.create(location.toString())).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").build();
    }

    /**
     * The form post page: the values in hidden fields, submitted by {@code /assets/form-post.js} (no inline script, so
     * the CSP stays strict) or by the person where scripts are off. {@code form-action} allows the app's origin only.
     */
    private static Response formPost(String redirectUri, Map<String, String> parameters) {
        StringBuilder fields = new StringBuilder();
        parameters.forEach((name, value) -> fields.append("<input type=\"hidden\" name=\"").append(Html.escape(name))
                .append("\" value=\"").append(Html.escape(value)).append("\">"));
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signing you in…</title></head><body>"
                + "<form id=\"form-post\" method=\"post\" action=\"" + Html.escape(redirectUri) + "\">" + fields
                + "<noscript><button type=\"submit\">Continue</button></noscript></form>"
                + "<script type=\"module\" src=\"/assets/form-post.js\"></script></body></html>";
        URI target = URI.create(redirectUri);
        // CSP source: the app's origin, or a native app's private-use scheme alone (it has no authority).
        String origin = target.getRawAuthority() == null ? target.getScheme() + ":" : target.getScheme() + "://" + target.getRawAuthority();
        return Response.ok(html, Pages.HTML).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; form-action " + origin
                        + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY").build();
    }
}
