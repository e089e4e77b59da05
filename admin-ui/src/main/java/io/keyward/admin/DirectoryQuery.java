package io.keyward.admin;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One page of a directory collection ({@code /users}, {@code /groups}) as a Graph client asks for it at any size: the
 * properties shown ({@code $select}), {@code $top} of them, a {@code $filter}, a {@code $search} of the typed text over
 * a few properties, {@code $count=true} for the total, and Graph's {@code $skiptoken} for a later page. Graph answers
 * {@code $search} and {@code $count} only as advanced queries ({@link Graph#getAdvanced}); its {@code $search} matches
 * the start of a word, so "ann" finds "Ann Lee" and "Joanna Ann" but not "Joann".
 */
record DirectoryQuery(String collection, String select, String filter, List<String> searchIn, String text, int top, String skipToken) {

    /** Entries a page shows unless the page is asked for another number ({@code ?top=}). */
    static final int DEFAULT_TOP = 50;
    /** Ids in one {@code id in (…)} filter: Graph's limit for {@code in} on directory objects. */
    static final int IDS_PER_READ = 15;

    DirectoryQuery {
        searchIn = List.copyOf(searchIn);
        text = text == null ? "" : text.trim();
    }

    /** The first page of a collection, the default number of entries, no filter and no search. */
    static DirectoryQuery of(String collection, String select) {
        return new DirectoryQuery(collection, select, "", List.of(), "", DEFAULT_TOP, null);
    }

    DirectoryQuery filter(String odataFilter) {
        return new DirectoryQuery(collection, select, odataFilter, searchIn, text, top, skipToken);
    }

    /** The properties the typed text is searched in, joined by OR. */
    DirectoryQuery searchIn(String... properties) {
        return new DirectoryQuery(collection, select, filter, Arrays.asList(properties), text, top, skipToken);
    }

    DirectoryQuery text(String typed) {
        return new DirectoryQuery(collection, select, filter, searchIn, typed, top, skipToken);
    }

    DirectoryQuery top(int entries) {
        return new DirectoryQuery(collection, select, filter, searchIn, text, entries, skipToken);
    }

    DirectoryQuery skipToken(String token) {
        return new DirectoryQuery(collection, select, filter, searchIn, text, top, token);
    }

    /** The Graph path (query options URL-encoded). */
    String path() {
        StringBuilder path = new StringBuilder(collection).append("?$select=").append(select).append("&$top=").append(top).append("&$count=true");
        if (!filter.isEmpty()) {
            path.append("&$filter=").append(Graph.encode(filter));
        }
        if (!text.isEmpty() && !searchIn.isEmpty()) {
            path.append("&$search=").append(Graph.encode(search(searchIn, text)));
        }
        if (skipToken != null && !skipToken.isBlank()) {
            path.append("&$skiptoken=").append(Graph.encode(skipToken));
        }
        return path.toString();
    }

    /** Objects named by id: {@code id in ('…','…')}, a quote in an id doubled as OData quotes it. */
    static String idIn(List<String> ids) {
        return "id in (" + ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(",")) + ")";
    }

    /**
     * The objects of {@code collection} with these ids (those that exist), {@value #IDS_PER_READ} ids a request: the
     * names a page shows for the ids a policy holds, without reading the whole directory.
     */
    static List<JsonObject> byIds(Graph graph, String collection, String select, List<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        List<JsonObject> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_READ) {
            DirectoryQuery named = of(collection, select).filter(idIn(distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_READ))));
            graph.getAdvanced(named.path()).getJsonArray("value").forEach(v -> found.add(v.asJsonObject()));
        }
        return found;
    }

    /**
     * {@code "displayName:jo" OR "userPrincipalName:jo"}: one quoted clause a property. Graph's $search syntax escapes a
     * double quote and a backslash in the text with a backslash; anything else in it is the text itself.
     */
    static String search(List<String> properties, String text) {
        String escaped = text.trim().replace("\\", "\\\\").replace("\"", "\\\"");
        return properties.stream().map(p -> "\"" + p + ":" + escaped + "\"").collect(Collectors.joining(" OR "));
    }
}
