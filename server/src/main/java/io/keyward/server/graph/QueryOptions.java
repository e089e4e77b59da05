package io.keyward.server.graph;

import io.keyward.server.platform.ReasonCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Refuses the OData query options Keyward does not implement instead of ignoring them: a script that sends
 * {@code $search="displayName:jo"} and gets every user back would act on every user. {@code $top}, {@code $skiptoken},
 * {@code $select}, {@code $filter} and {@code $count} are Keyward's ({@link ODataQuery}), {@code $search} too on the
 * operations marked {@link Searchable}, {@code $deltatoken} on {@link DeltaFunction}s; any other system query option ({@code $orderby}, {@code $expand},
 * {@code $skip}, …, and {@code $search} elsewhere) is a 400 naming it. Options are also
 * recognised without their {@code $}, as some clients send them.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class QueryOptions implements ContainerRequestFilter {

    static final Set<String> SUPPORTED = Set.of("$top", "$skiptoken", "$select", "$filter", "$count");
    /** System query options clients also send without the {@code $}. */
    static final Set<String> BARE = Set.of("search", "orderby", "expand", "skip", "format", "levels", "apply", "compute");

    private static final Logger LOG = Logger.getLogger(QueryOptions.class.getName());

    @Inject
    GraphRequest graphRequest;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.container.ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Set<String> refused = new TreeSet<>();
        boolean searchable = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Searchable.class);
        boolean delta = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(DeltaFunction.class);
        for (String name : request.getUriInfo().getQueryParameters().keySet()) {
            String option = name.toLowerCase(Locale.ROOT);
            if (searchable && (option.equals("$search") || option.equals("search"))) {
                continue;
            }
            if (delta && option.equals("$deltatoken")) {
                continue;
            }
            if ((option.startsWith("$") && !SUPPORTED.contains(option)) || BARE.contains(option)) {
                refused.add(option.startsWith("$") ? option : "$" + option);
            }
        }
        if (!refused.isEmpty()) {
            String message = "The query option" + (refused.size() > 1 ? "s " : " ") + String.join(", ", refused)
                    + (refused.size() > 1 ? " are" : " is") + " not supported on this resource by Keyward; supported: $top, $skiptoken, "
                    + "$select, $filter, $count" + (searchable ? ", $search." : " ($search on /users and /groups).");
            LOG.info(() -> "Graph request " + graphRequest.requestId() + " refused: " + ReasonCode.INVALID_REQUEST.code() + " (400) " + message);
            request.abortWith(GraphError.response(ReasonCode.INVALID_REQUEST, message, graphRequest));
        }
    }
}
