package io.keyward.server.graph;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.web.ReasonStatuses;
import io.keyward.server.token.AccessTokens;
import io.keyward.server.token.Caller;
import io.keyward.server.token.InvalidToken;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Authenticates every Graph call by its access token ({@code Authorization: Bearer <jwt>}, or the bare JWT
 * that some scripts send) and authorizes it against the operation's {@link RequiresAnyOf}: 401 without a
 * valid token, 403 without a permission that allows the operation. A JSON batch ({@link AuthorizedPerRequest}) needs
 * only the valid token: each request in it passes this filter again on its own.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(BearerAuthentication.class.getName());

    @Inject
    AccessTokens tokens;

    @Inject
    GraphRequest graphRequest;

    @Context
    ResourceInfo resource;

    /** The person at a kiosk an application acts for, as the enrollment station reports it (audited, not trusted for access). */
    static final String OPERATOR_HEADER = "X-Keyward-Operator";

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header == null || header.isBlank()) {
            refuse(request, ReasonCode.UNAUTHENTICATED, "Access token is empty. Send an access token in the Authorization header.");
            return;
        }
        String token = header.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        Caller caller;
        try {
            caller = tokens.validate(token, request.getUriInfo().getBaseUri().resolve("/"));
        } catch (InvalidToken e) {
            refuse(request, e.reason(), e.getMessage());
            return;
        }
        graphRequest.setCaller(caller);
        graphRequest.setOperator(request.getHeaderString(OPERATOR_HEADER));
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(AuthorizedPerRequest.class)) {
            return;
        }
        RequiresAnyOf required = method == null ? null : method.getAnnotation(RequiresAnyOf.class);
        if (required == null || !caller.holdsAny(List.of(required.value()))) {
            refuse(request, ReasonCode.ACCESS_DENIED,
                    "Insufficient privileges to complete the operation. It requires one of: "
                            + (required == null ? "(none granted)" : Arrays.stream(required.value())
                            .map(p -> p.value()).collect(Collectors.joining(", ")))
                            + (caller.isDelegated() ? ", as a delegated scope together with a directory role that grants it." : "."));
            return;
        }
        // A permission on the signed-in user alone (User.Read, UserAuthMethod-Passkey.ReadWrite, …) reaches /me only.
        if (!caller.holdsAnyOnOthers(List.of(required.value())) && !SELF_PATH.matcher(request.getUriInfo().getPath()).matches()) {
            refuse(request, ReasonCode.ACCESS_DENIED, "Insufficient privileges to complete the operation. The token's delegated "
                    + "permissions reach only the signed-in user (/me); acting on other users needs one of: " + Arrays.stream(required.value())
                    .filter(p -> !p.selfOnly()).map(p -> p.value()).collect(Collectors.joining(", "))
                    + ", as a delegated scope together with a directory role that grants it.");
        }
    }

    /** Paths of the signed-in user: {@code /v1.0/me}, {@code /beta/me/...}. */
    private static final java.util.regex.Pattern SELF_PATH = java.util.regex.Pattern.compile("/?(v1\\.0|beta)/me(/.*)?");

    private void refuse(ContainerRequestContext request, ReasonCode reason, String message) {
        LOG.info(() -> "Graph request " + graphRequest.requestId() + " refused: " + reason.code() + " (" + ReasonStatuses.of(reason) + ") " + message);
        request.abortWith(GraphError.response(reason, message, graphRequest));
    }
}
