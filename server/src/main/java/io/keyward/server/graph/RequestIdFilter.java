package io.keyward.server.graph;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every Graph response a {@code request-id} header (the same id is inside error envelopes) and echoes
 * the caller's {@code client-request-id}, as Graph does.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Inject
    GraphRequest graphRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String clientRequestId = request.getHeaderString("client-request-id");
        if (clientRequestId != null && clientRequestId.length() <= 128) {
            graphRequest.setClientRequestId(clientRequestId);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("request-id", graphRequest.requestId());
        graphRequest.clientRequestId().ifPresent(id -> response.getHeaders().putSingle("client-request-id", id));
    }
}
