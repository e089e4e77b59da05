package io.keyward.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * What the two log pages share: the Graph path of one page of a log with a {@code $filter} and the page's own
 * {@code skiptoken} ({@link Paging} makes the links), and how an entry's values are shown.
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
