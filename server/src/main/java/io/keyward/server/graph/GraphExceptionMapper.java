package io.keyward.server.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keyward.server.platform.DatabaseUnavailable;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.web.ReasonStatuses;
import io.keyward.server.platform.Refused;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure of a Graph call leaves in the error envelope, with a reason code from {@link ReasonCode} that a
 * client can branch on, and is logged with that code. The database not answering is {@code 503 serviceUnavailable}
 * with {@code Retry-After}, not a defect. Framework refusals (no such path, method, media type)
 * get the same treatment. Messages are Keyward's own words: no exception text of a library or the JAX-RS runtime
 * reaches a client, so no class name does either.
 */
@Provider
public class GraphExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(GraphExceptionMapper.class.getName());

    @Inject
    GraphRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Refused refused) {
            return refuse(refused.reason(), refused.getMessage());
        }
        if (cause instanceof JsonProcessingException json) {
            return refuse(ReasonCode.INVALID_REQUEST, GraphJson.describe(json));
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response response = refuse(frameworkReason(web), frameworkMessage(web));
            String allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
            return allow == null ? response : Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
        }
        if (DatabaseUnavailable.is(failure)) {
            io.keyward.server.web.ServiceUnavailable.log("Graph request " + request.requestId(), failure);
            return Response.fromResponse(GraphError.response(ReasonCode.SERVICE_UNAVAILABLE, DatabaseUnavailable.MESSAGE, request))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER.toSeconds()).build();
        }
        LOG.log(Level.SEVERE, "Graph request " + request.requestId() + " failed", failure);
        return GraphError.response(ReasonCode.GENERAL_EXCEPTION,
                "An unexpected error occurred; quote request-id " + request.requestId() + " to your administrator.", request);
    }

    private Response refuse(ReasonCode reason, String message) {
        LOG.info(() -> "Graph request " + request.requestId() + " refused: " + reason.code() + " (" + ReasonStatuses.of(reason) + ") " + message);
        return GraphError.response(reason, message, request);
    }

    /** The reason of a refusal the JAX-RS runtime made before any resource ran. */
    static ReasonCode frameworkReason(WebApplicationException web) {
        if (web instanceof NotFoundException) {
            return ReasonCode.NOT_FOUND;
        }
        if (web instanceof NotAllowedException) {
            return ReasonCode.METHOD_NOT_ALLOWED;
        }
        if (web instanceof NotSupportedException) {
            return ReasonCode.UNSUPPORTED_MEDIA_TYPE;
        }
        if (web instanceof NotAcceptableException) {
            return ReasonCode.NOT_ACCEPTABLE;
        }
        return web.getResponse().getStatus() == 413 ? ReasonCode.PAYLOAD_TOO_LARGE : ReasonCode.INVALID_REQUEST;
    }

    private static String frameworkMessage(WebApplicationException web) {
        return switch (frameworkReason(web)) {
            case NOT_FOUND -> "Resource not found for the segment in the request URL.";
            case METHOD_NOT_ALLOWED -> "The HTTP method is not allowed on this resource.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request's Content-Type is not supported; send application/json.";
            case NOT_ACCEPTABLE -> "The Accept header names no media type this resource can return; accept application/json.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than this API accepts.";
            default -> "The request is not valid.";
        };
    }

    /** Transactions and CDI wrap domain refusals; the refusal is what the caller must see. */
    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof Refused || current instanceof JsonProcessingException || current instanceof WebApplicationException) {
                return current;
            }
            current = current.getCause();
        }
        return failure;
    }
}
