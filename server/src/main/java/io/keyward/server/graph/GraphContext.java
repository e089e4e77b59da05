package io.keyward.server.graph;

import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;
import java.util.Set;

/** Builds {@code @odata.context} URLs: {@code {base}/graph/{version}/$metadata#{entitySet}[(select)][/$entity]}. */
final class GraphContext {

    private GraphContext() {
    }

    static String collection(UriInfo uri, String version, String entitySet, Optional<Set<String>> select) {
        return metadata(uri, version) + entitySet + select.map(s -> "(" + String.join(",", s) + ")").orElse("");
    }

    static String entity(UriInfo uri, String version, String entitySet, Optional<Set<String>> select) {
        return collection(uri, version, entitySet, select) + "/$entity";
    }

    private static String metadata(UriInfo uri, String version) {
        return uri.getBaseUri().toString().replaceAll("/$", "") + "/" + version + "/$metadata#";
    }
}
