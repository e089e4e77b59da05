package io.keyward.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the two log pages share: reading one page of a Graph log with a {@code $filter} and the page's own
 * {@code skiptoken} (never a whole next link from the browser: the admin's token goes only to Keyward's Graph), and
 * the links that keep the filters while paging.
 */
final class LogPage {

    static final int SIZE = 25;

    private LogPage() {
    }

    /** The Graph path of one page. */
    static String path(String collection, String filter, String skipToken) {
        StringBuilder path = new StringBuilder(collection).append("?$top=").append(SIZE);
        if (!filter.isEmpty()) {
            path.append("&$filter=").append(Graph.encode(filter));
        }
        if (skipToken != null && !skipToken.isBlank()) {
            path.append("&$skiptoken=").append(Graph.encode(skipToken));
        }
        return path.toString();
    }

    /** The {@code $skiptoken} of the answer's next link, if more entries follow. */
    static Optional<String> nextSkipToken(JsonObject page) {
        if (!(page.get("@odata.nextLink") instanceof JsonString next)) {
            return Optional.empty();
        }
        String query = URI.create(next.getString()).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("$skiptoken")) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** This page's query string with the filters set, and {@code skiptoken} when given. */
    static String query(Map<String, String> filters, String skipToken) {
        Map<String, String> all = new LinkedHashMap<>();
        filters.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                all.put(k, v);
            }
        });
        if (skipToken != null) {
            all.put("skiptoken", skipToken);
        }
        return all.entrySet().stream().map(e -> Graph.encode(e.getKey()) + "=" + Graph.encode(e.getValue())).collect(Collectors.joining("&"));
    }

    static String text(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonString s ? s.getString() : v == null || v == JsonValue.NULL ? "" : v.toString();
    }

    /** 2026-12-02T23:40:12.123Z as 2026-12-02 23:40:12 UTC. */
    static String time(String iso) {
        if (iso == null || iso.length() < 19) {
            return iso == null ? "" : iso;
        }
        return iso.substring(0, 10) + " " + iso.substring(11, 19) + " UTC";
    }
}
