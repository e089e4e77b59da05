package io.keyward.server.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keyward.server.platform.Refused;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure of a Graph call leaves in the error envelope, with a code a client can branch on. */
@Provider
public class GraphExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(GraphExceptionMapper.class.getName());

    @Inject
    GraphRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Refused refused) {
            return GraphError.response(refused.reason(), refused.getMessage(), request);
        }
        if (cause instanceof JsonProcessingException json) {
            return GraphError.response(400, "invalidRequest", "The request body is not valid JSON: " + json.getOriginalMessage(), request);
        }
        if (cause instanceof NotFoundException) {
            return GraphError.response(404, "Request_ResourceNotFound", "Resource not found for the segment in the request URL.", request);
        }
        if (cause instanceof NotAllowedException) {
            return GraphError.response(405, "Request_BadRequest", "The HTTP method is not allowed on this resource.", request);
        }
        if (cause instanceof NotSupportedException) {
            return GraphError.response(415, "unsupportedMediaType", "The request's Content-Type is not supported; send application/json.", request);
        }
        if (cause instanceof NotAcceptableException) {
            return GraphError.response(406, "notAcceptable", "The Accept header names no media type this resource can return.", request);
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return GraphError.response(web.getResponse().getStatus(), "invalidRequest",
                    web.getMessage() == null ? "The request is not valid." : web.getMessage(), request);
        }
        LOG.log(Level.SEVERE, "Graph request " + request.requestId() + " failed", failure);
        return GraphError.response(500, "generalException",
                "An unexpected error occurred; quote request-id " + request.requestId() + " to your administrator.", request);
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
