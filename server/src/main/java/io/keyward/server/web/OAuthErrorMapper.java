package io.keyward.server.web;

import io.keyward.server.platform.DatabaseUnavailable;
import io.keyward.server.platform.Refused;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps OAuth errors in their RFC 6749 shape and never lets a stack trace reach a client. A request that failed
 * because the database did not answer gets 503 with {@code Retry-After} ({@link ServiceUnavailable}).
 */
@Provider
public class OAuthErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(OAuthErrorMapper.class.getName());

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            return web.getResponse().hasEntity() ? web.getResponse()
                    : Response.status(web.getResponse().getStatus()).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(web.getResponse().getStatusInfo().getReasonPhrase()).build();
        }
        Throwable cause = failure;
        while (cause != null && !(cause instanceof Refused)) {
            cause = cause.getCause();
        }
        if (cause instanceof Refused refused) {
            return new OAuthError(400, "invalid_request", refused.getMessage()).getResponse();
        }
        if (DatabaseUnavailable.is(failure)) {
            String path = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
            ServiceUnavailable.log("Request " + path, failure);
            return ServiceUnavailable.response(path, headers.getHeaderString(HttpHeaders.ACCEPT));
        }
        LOG.log(Level.SEVERE, "Request failed", failure);
        return new OAuthError(500, "server_error", "An unexpected error occurred.").getResponse();
    }
}
