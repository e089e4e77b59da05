package io.keyward.admin;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A directory list page (users, groups, guests) as the browser asked for it — the text searched ({@code q}), the page
 * size ({@code top}, {@value DirectoryQuery#DEFAULT_TOP} unless given) and Graph's {@code skiptoken} for a later page —
 * read from Graph one page at a time, whatever the size of the directory: its rows, Graph's count of every match, the
 * links to the next and the first page (GET links, so a search is a link), or Graph's refusal in words.
 */
public final class DirectoryListing<T> implements Serializable {

    static final String TEXT = "q";
    static final String TOP = "top";

    private final String text;
    private final String top;
    private final List<T> rows;
    private final Long total;
    private final String nextPage;
    private final boolean laterPage;
    private final String error;

    private DirectoryListing(String text, String top, List<T> rows, Long total, String nextPage, boolean laterPage, String error) {
        this.text = text;
        this.top = top;
        this.rows = rows;
        this.total = total;
        this.nextPage = nextPage;
        this.laterPage = laterPage;
        this.error = error;
    }

    /** What the browser asked for: the text searched, the page size and Graph's skip token (each empty when not given). */
    record Asked(String text, String top, String skipToken) {

        static Asked from(HttpServletRequest request) {
            return new Asked(parameter(request, TEXT), parameter(request, TOP), parameter(request, Paging.SKIP_TOKEN));
        }

        private static String parameter(HttpServletRequest request, String name) {
            String value = request.getParameter(name);
            return value == null ? "" : value.trim();
        }
    }

    /** Reads the page the request asks for: {@code query} gives the collection, what is shown, the filter and where to search. */
    static <T> DirectoryListing<T> read(Graph graph, HttpServletRequest request, DirectoryQuery query, Function<JsonObject, T> row) {
        return read(graph::getAdvanced, Asked.from(request), query, row);
    }

    /** As above, with the Graph call given ({@code path} to answer). */
    static <T> DirectoryListing<T> read(Function<String, JsonObject> graph, Asked asked, DirectoryQuery query, Function<JsonObject, T> row) {
        boolean laterPage = !asked.skipToken().isEmpty();
        try {
            JsonObject page = graph.apply(query.text(asked.text()).top(pageSize(asked.top())).skipToken(asked.skipToken()).path());
            List<T> rows = page.getJsonArray("value").stream().map(v -> row.apply(v.asJsonObject())).toList();
            Long total = page.get("@odata.count") instanceof JsonNumber count ? count.longValue() : null;
            String next = Paging.nextSkipToken(page).map(t -> Paging.query(kept(asked.text(), asked.top()), t)).orElse(null);
            return new DirectoryListing<>(asked.text(), asked.top(), rows, total, next, laterPage, null);
        } catch (GraphRefused refusal) {
            return new DirectoryListing<>(asked.text(), asked.top(), List.of(), null, null, laterPage, Messages.readWords(refusal));
        }
    }

    /**
     * The page size asked for; a number out of Graph's range goes to Graph, which refuses it in words. Anything that is
     * not a number is the default.
     */
    static int pageSize(String top) {
        if (top.matches("[0-9]{1,6}")) {
            return Integer.parseInt(top);
        }
        return DirectoryQuery.DEFAULT_TOP;
    }

    private static Map<String, String> kept(String text, String top) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(TEXT, text);
        parameters.put(TOP, top);
        return parameters;
    }

    /** "3 users", "3 users match “ann”", with ", 2 on this page" when the page shows fewer. */
    public String summary(String noun) {
        long shown = rows.size();
        long all = total == null ? shown : total;
        // The noun is a plural ("users", "groups", "guests"): one is said in the singular.
        String count = all + " " + (all == 1 ? noun.replaceFirst("s$", "") : noun)
                + (text.isEmpty() ? "" : (all == 1 ? " matches \u201c" : " match \u201c") + text + "\u201d");
        return shown < all ? count + ", " + shown + " on this page" : count;
    }

    public String getText() { return text; }
    public String getTop() { return top; }
    public List<T> getRows() { return rows; }
    public Long getTotal() { return total; }
    /** The query string of the next page, or null on the last one. */
    public String getNextPage() { return nextPage; }
    /** The query string of the first page of the same search. */
    public String getFirstPage() { return Paging.query(kept(text, top), null); }
    public boolean isLaterPage() { return laterPage; }
    public String getError() { return error; }
}
