package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.web.ReasonStatuses;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The Graph error envelope: {@code {"error":{"code","message","innerError":{"request-id","date",
 * "client-request-id"}}}} (GRAPH-API.md §0 and §8). Kiota SDKs parse exactly this shape; OData's optional
 * {@code details} carries Keyward's own reason code where Graph answers with a broader one.
 */
final class GraphError {

    private GraphError() {
    }

    static int status(ReasonCode reason) {
        return ReasonStatuses.of(reason);
    }

    /**
     * The code Graph answers a refusal with. A privileged target is {@code Authorization_RequestDenied}, as in Entra;
     * Keyward's reason then goes in {@code details}.
     */
    static String graphCode(ReasonCode reason) {
        return switch (reason) {
            case PRIVILEGED_USER_PROTECTED -> ReasonCode.ACCESS_DENIED.code();
            default -> reason.code();
        };
    }

    static Response response(ReasonCode reason, String message, GraphRequest request) {
        String code = graphCode(reason);
        return response(status(reason), code, message, code.equals(reason.code()) ? Optional.empty() : Optional.of(reason), request);
    }

    static Response response(int status, String code, String message, GraphRequest request) {
        return response(status, code, message, Optional.empty(), request);
    }

    /** The envelope alone, for a response inside a JSON batch. */
    static ObjectNode envelope(ReasonCode reason, String message, GraphRequest request) {
        String code = graphCode(reason);
        return envelope(code, message, code.equals(reason.code()) ? Optional.empty() : Optional.of(reason), request);
    }

    private static Response response(int status, String code, String message, Optional<ReasonCode> detail, GraphRequest request) {
        ObjectNode root = envelope(code, message, detail, request);
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(root.toString());
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"keyward\", error=\"invalid_token\"");
        }
        return builder.build();
    }

    private static ObjectNode envelope(String code, String message, Optional<ReasonCode> detail, GraphRequest request) {
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", request.requestId());
        request.clientRequestId().ifPresent(id -> inner.put("client-request-id", id));
        detail.ifPresent(reason -> {
            ObjectNode item = error.putArray("details").addObject();
            item.put("code", reason.code());
            item.put("message", message);
        });
        return root;
    }
}
