package io.keyward.server.graph;

import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.web.ReasonStatuses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Graph takes JSON: a request body under any other Content-Type (or none) is refused with 415 before it is read,
 * as is a body whose declared length is over {@code keyward.graph.max-request-bytes} (413), so that neither is
 * parsed on trust. An operation that takes another format says so with {@link Consumes} and checks its own size.
 * Runs after authentication: an anonymous caller learns nothing about bodies.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class RequestBodies implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(RequestBodies.class.getName());

    @Inject
    KeywardConfig config;

    @Inject
    GraphRequest graphRequest;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!hasBody(request)) {
            return;
        }
        List<MediaType> accepted = declared(resource.getResourceMethod()).orElse(List.of(MediaType.APPLICATION_JSON_TYPE));
        MediaType sent = request.getMediaType();
        boolean acceptable = sent == null ? accepted.contains(MediaType.WILDCARD_TYPE) : accepted.stream().anyMatch(type -> type.isCompatible(sent));
        if (!acceptable) {
            refuse(request, ReasonCode.UNSUPPORTED_MEDIA_TYPE, "The request's Content-Type is "
                    + (sent == null ? "missing" : "'" + sent.getType() + "/" + sent.getSubtype() + "'") + "; this operation takes "
                    + String.join(" or ", accepted.stream().map(t -> t.getType() + "/" + t.getSubtype()).toList()) + ".");
            return;
        }
        if (declared(resource.getResourceMethod()).isEmpty() && request.getLength() > config.maxRequestBytes()) {
            refuse(request, ReasonCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the " + config.maxRequestBytes() + " bytes this API accepts.");
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }

    private static Optional<List<MediaType>> declared(Method method) {
        return Optional.ofNullable(method).map(m -> m.getAnnotation(Consumes.class))
                .map(consumes -> Arrays.stream(consumes.value()).map(MediaType::valueOf).toList());
    }

    private void refuse(ContainerRequestContext request, ReasonCode reason, String message) {
        LOG.info(() -> "Graph request " + graphRequest.requestId() + " refused: " + reason.code() + " (" + ReasonStatuses.of(reason) + ") " + message);
        request.abortWith(GraphError.response(reason, message, graphRequest));
    }
}
