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
        return switch (reason) {
            case UNAUTHENTICATED -> 401;
            case ACCESS_DENIED -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case NAME_ALREADY_EXISTS -> 409;
            case RESOURCE_MODIFIED -> 412;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case NOT_SUPPORTED -> 501;
            case GENERAL_EXCEPTION -> 500;
            case PASSKEY_METHOD_DISABLED, USER_NOT_IN_PASSKEY_POLICY_SCOPE, SELF_SERVICE_REGISTRATION_DISABLED,
                 GUEST_USER_NOT_SUPPORTED, ACCOUNT_DISABLED, AAGUID_NOT_ALLOWED, AUTHENTICATOR_COMPROMISED,
                 PASSKEY_TYPE_NOT_ALLOWED -> 403;
            case CREDENTIAL_ALREADY_REGISTERED -> 409;
            case TOO_MANY_REQUESTS -> 429;
            case CREDENTIAL_NOT_FOUND -> 404;
            case INVALID_REQUEST, NON_SECURITY_GROUP_TARGET, CHALLENGE_NOT_FOUND, CHALLENGE_EXPIRED, INVALID_ATTESTATION_RESPONSE,
                 INVALID_ASSERTION_RESPONSE, UNSUPPORTED_ATTESTATION_FORMAT, ATTESTATION_REQUIRED, ATTESTATION_NOT_TRUSTED,
                 SIGN_COUNT_REGRESSION -> 400;
        };
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
