package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.ReasonCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Graph error envelope: {@code {"error":{"code","message","innerError":{"request-id","date",
 * "client-request-id"}}}} (GRAPH-API.md §0 and §8). Kiota SDKs parse exactly this shape.
 */
final class GraphError {

    private GraphError() {
    }

    static int status(ReasonCode reason) {
        return reason.httpStatus();
    }

    static Response response(ReasonCode reason, String message, GraphRequest request) {
        return response(status(reason), reason.code(), message, request);
    }

    static Response response(int status, String code, String message, GraphRequest request) {
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", request.requestId());
        request.clientRequestId().ifPresent(id -> inner.put("client-request-id", id));
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(root.toString());
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"keyward\", error=\"invalid_token\"");
        }
        return builder.build();
    }
}
