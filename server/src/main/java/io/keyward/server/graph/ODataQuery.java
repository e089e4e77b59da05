package io.keyward.server.graph;

import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The OData query options of a Graph list request: {@code $top}, {@code $skiptoken}, {@code $select},
 * {@code $filter}, {@code $count}, and {@code $search} where the operation is {@link Searchable} (it narrows the
 * filter). Keyward pages by key, so a next link stays valid while objects are added.
 */
record ODataQuery(Optional<Criterion> filter, Optional<UUID> after, int top, Optional<Set<String>> select, boolean count) {

    static ODataQuery from(UriInfo uri, HttpHeaders headers, int defaultTop) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        int top = Optional.ofNullable(first(params, "$top")).map(ODataQuery::parseTop).orElse(defaultTop);
        Optional<UUID> after = Optional.ofNullable(first(params, "$skiptoken")).map(ODataQuery::decodeSkipToken);
        Optional<Set<String>> select = Optional.ofNullable(first(params, "$select")).map(ODataQuery::parseSelect);
        Optional<Criterion> filter = Optional.ofNullable(first(params, "$filter")).filter(f -> !f.isBlank()).map(FilterParser::parse);
        Optional<Criterion> search = Optional.ofNullable(first(params, "$search")).map(ODataQuery::parseSearch);
        boolean count = Optional.ofNullable(first(params, "$count")).map(ODataQuery::parseCount).orElse(false);
        if (count || search.isPresent()) {
            requireEventualConsistency(headers, count ? "$count" : "$search");
        }
        return new ODataQuery(both(filter, search), after, top, select, count);
    }

    /** Only {@code $select} applies to a single entity. */
    static Optional<Set<String>> selectOnly(UriInfo uri) {
        return Optional.ofNullable(first(uri.getQueryParameters(), "$select")).map(ODataQuery::parseSelect);
    }

    /** Counting is an advanced query in Graph: it needs {@code ConsistencyLevel: eventual}. */
    static void requireEventualConsistency(HttpHeaders headers) {
        requireEventualConsistency(headers, "$count");
    }

    /** Counting and searching are advanced queries in Graph: they need {@code ConsistencyLevel: eventual}. */
    static void requireEventualConsistency(HttpHeaders headers, String option) {
        String level = headers.getHeaderString("ConsistencyLevel");
        if (level == null || !level.trim().equalsIgnoreCase("eventual")) {
            throw Refused.invalid(option + " requires the request header 'ConsistencyLevel: eventual'.");
        }
    }

    /** Graph's {@code $search} value is quoted clauses; a blank one is refused, never taken as "everything". */
    private static Criterion parseSearch(String value) {
        return SearchParser.parse(value.trim());
    }

    private static Optional<Criterion> both(Optional<Criterion> filter, Optional<Criterion> search) {
        if (filter.isPresent() && search.isPresent()) {
            return Optional.of(new Criterion.And(java.util.List.of(filter.get(), search.get())));
        }
        return filter.or(() -> search);
    }

    PageRequest pageRequest() {
        return new PageRequest(filter, after, top);
    }

    /**
     * The Graph answer for one page: {@code @odata.context} (with this query's {@code $select}), the items as JSON,
     * {@code @odata.count} when counted, and {@code @odata.nextLink} when more follow.
     */
    jakarta.ws.rs.core.Response respond(UriInfo uri, String version, String entitySet, Page<?> page,
                                        java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> items, Optional<Long> total) {
        com.fasterxml.jackson.databind.node.ArrayNode values = GraphJson.MAPPER.createArrayNode();
        items.forEach(values::add);
        return jakarta.ws.rs.core.Response.ok(GraphEntities.collection(GraphContext.collection(uri, version, entitySet, select), values,
                total, nextLink(uri, page)).toString(), jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The absolute URL of the next page: this request's URL with the skip token of the page's last item. */
    Optional<String> nextLink(UriInfo uri, Page<?> page) {
        return page.continueAfter().map(last -> {
            URI request = uri.getRequestUri();
            StringBuilder query = new StringBuilder();
            if (request.getRawQuery() != null) {
                for (String pair : request.getRawQuery().split("&")) {
                    String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                    if (!name.isEmpty() && !name.equals("$skiptoken") && !name.equals("skiptoken")) {
                        query.append(pair).append('&');
                    }
                }
            }
            query.append("$skiptoken=").append(encodeSkipToken(last));
            String base = request.toString();
            int question = base.indexOf('?');
            return (question < 0 ? base : base.substring(0, question)) + "?" + query;
        });
    }

    private static String first(MultivaluedMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null) {
            // Some clients send the option without its '$'.
            value = params.getFirst(name.substring(1));
        }
        return value;
    }

    static int parseTop(String value) {
        try {
            int top = Integer.parseInt(value.trim());
            if (top >= 1 && top <= PageRequest.MAX_SIZE) {
                return top;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw Refused.invalid("Invalid page size specified: '" + value + "'. Must be between 1 and " + PageRequest.MAX_SIZE + " inclusive.");
    }

    private static boolean parseCount(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw Refused.invalid("Invalid $count value '" + value + "': use true or false.");
    }

    private static Set<String> parseSelect(String value) {
        Set<String> properties = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                properties.add(name);
            }
        }
        if (properties.isEmpty()) {
            throw Refused.invalid("$select names no property.");
        }
        return properties;
    }

    /** A key segment that must be a GUID (log entries): anything else is a 400 naming it. */
    static UUID guidKey(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Refused.invalid("Invalid object identifier '" + id + "'.");
    }

    static String encodeSkipToken(UUID last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + last).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID decodeSkipToken(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("after:")) {
                return UUID.fromString(decoded.substring(6));
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Refused.invalid("The $skiptoken is not valid; use the @odata.nextLink exactly as returned.");
    }
}
