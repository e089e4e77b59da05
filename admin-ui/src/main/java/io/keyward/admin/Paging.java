package io.keyward.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every paged page shares (the logs, the users, groups and guests): its "next" link is the page's own query with
 * the {@code $skiptoken} taken from Graph's {@code @odata.nextLink} — never the whole next link, so the browser cannot
 * send the admin's token anywhere but Keyward's Graph — and keeps what the page was asked for (filters, search).
 */
final class Paging {

    /** The page's own parameter that carries Graph's skip token. */
    static final String SKIP_TOKEN = "skiptoken";

    private Paging() {
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

    /** This page's query string with the parameters that are set, and {@code skiptoken} when given. */
    static String query(Map<String, String> parameters, String skipToken) {
        Map<String, String> all = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                all.put(k, v);
            }
        });
        if (skipToken != null) {
            all.put(SKIP_TOKEN, skipToken);
        }
        return all.entrySet().stream().map(e -> Graph.encode(e.getKey()) + "=" + Graph.encode(e.getValue())).collect(Collectors.joining("&"));
    }
}
