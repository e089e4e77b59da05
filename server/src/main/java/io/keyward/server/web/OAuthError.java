package io.keyward.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.UUID;

/** An OAuth 2.0 error response (RFC 6749 §5.2), with Entra's extra {@code timestamp} and {@code trace_id}. */
class OAuthError extends WebApplicationException {

    private static final ObjectMapper JSON = new ObjectMapper();

    OAuthError(int status, String error, String description) {
        super(description, build(status, error, description));
    }

    /** Longest piece of a caller's input an error quotes back. */
    static final int MAX_QUOTED = 64;

    /** Refuses a path whose tenant segment is neither this tenant's id nor its domain. */
    static void requireTenant(io.keyward.server.directory.TenantService tenants, String tenant) {
        if (!tenants.matches(tenant)) {
            throw new OAuthError(404, "invalid_tenant", "Tenant " + quote(tenant) + " not found.");
        }
    }

    /**
     * A caller's value, quoted for an error message: at most {@value #MAX_QUOTED} characters, control characters
     * replaced, so that an error never echoes input back unbounded (a megabyte of client_id stays in the request).
     */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private static Response build(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        body.put("timestamp", Instant.now().toString());
        body.put("trace_id", UUID.randomUUID().toString());
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").entity(body.toString());
        if (status == 401) {
            builder.header("WWW-Authenticate", "Basic realm=\"keyward\"");
        }
        return builder.build();
    }
}
