package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.keyward.admin.LogPage.text;

/**
 * The directory audit log ({@code /auditLogs/directoryAudits}): every change to the directory and its policies, and
 * every refused registration, with filters (category, activity, result, who did it, app, date range) and a detail pane
 * per entry: reason code and sentence, the objects changed with their values before and after, further details.
 */
@Named
@RequestScoped
public class AuditLogsView {

    static final String AUDITS = "/auditLogs/directoryAudits";
    static final List<String> CATEGORIES = List.of("ApplicationManagement", "GroupManagement", "KeyManagement", "Metadata", "Policy",
            "RoleManagement", "UserManagement");

    @Inject
    Graph graph;

    @Inject
    HttpServletRequest request;

    /** A property a change set: its values before and after (JSON, as the log keeps them). */
    public record Change(String property, String oldValue, String newValue) {
    }

    /** An object the entry changed. */
    public record Target(String type, String name, String id, List<Change> changes) {
    }

    /** A further detail: key and value. */
    public record Detail(String key, String value) {
    }

    /** One entry, with what its detail pane shows. */
    public record Row(String id, String time, String activity, String category, boolean succeeded, String reasonCode, String reason,
                      String initiatedBy, List<Target> targets, List<Detail> details) {
    }

    private final Map<String, String> filters = new LinkedHashMap<>();
    private List<Row> rows = List.of();
    private String nextPage;
    private boolean paged;
    private String error;

    @PostConstruct
    void load() {
        for (String name : List.of("category", "activity", "result", "user", "app", "from", "to")) {
            String value = request.getParameter(name);
            filters.put(name, value == null ? "" : value.trim());
        }
        String skipToken = request.getParameter(Paging.SKIP_TOKEN);
        paged = skipToken != null && !skipToken.isBlank();
        String filter;
        try {
            String result = filters.get("result");
            filter = new LogFilter().equal("category", filters.get("category")).equal("activityDisplayName", filters.get("activity"))
                    .equal("result", "success".equals(result) || "failure".equals(result) ? result : "")
                    .equal("initiatedBy/user/id", userId(filters.get("user"))).equal("initiatedBy/app/appId", filters.get("app"))
                    .days("activityDateTime", filters.get("from"), filters.get("to")).text();
        } catch (LogFilter.Invalid invalid) {
            error = invalid.getMessage();
            return;
        } catch (GraphRefused refusal) {
            error = "Finding who made a change needs a role that reads users. " + Messages.words(refusal);
            return;
        }
        try {
            JsonObject page = graph.get(LogPage.path(AUDITS, filter, skipToken));
            List<Row> list = new ArrayList<>();
            for (JsonValue v : page.getJsonArray("value")) {
                list.add(row(v.asJsonObject()));
            }
            rows = list;
            nextPage = Paging.nextSkipToken(page).map(t -> Paging.query(filters, t)).orElse(null);
        } catch (GraphRefused refusal) {
            error = (refusal.status() == 403 ? "The audit log needs a role that reads reports (Global Administrator, Global Reader, Reports Reader). " : "")
                    + Messages.words(refusal);
        }
    }

    /** The id of the user with this account name: the log names who acted by id. */
    private String userId(String userPrincipalName) {
        if (userPrincipalName == null || userPrincipalName.isBlank()) {
            return "";
        }
        List<JsonObject> found = graph.list("/users?$select=id&$filter=" + Graph.encode("userPrincipalName eq " + LogFilter.quote(userPrincipalName)));
        if (found.isEmpty()) {
            throw new LogFilter.Invalid("No user has the account name '" + userPrincipalName + "'.");
        }
        return found.get(0).getString("id");
    }

    private static Row row(JsonObject a) {
        String resultReason = text(a, "resultReason");
        int colon = resultReason.indexOf(':');
        boolean coded = colon > 0 && resultReason.substring(0, colon).matches("[A-Za-z_]+");
        JsonObject initiatedBy = a.getJsonObject("initiatedBy");
        String by = "";
        if (initiatedBy != null && initiatedBy.get("user") instanceof JsonObject user) {
            by = text(user, "userPrincipalName");
        } else if (initiatedBy != null && initiatedBy.get("app") instanceof JsonObject app) {
            by = text(app, "displayName");
        }
        List<Target> targets = new ArrayList<>();
        JsonArray resources = a.getJsonArray("targetResources");
        if (resources != null) {
            for (JsonObject t : resources.getValuesAs(JsonObject.class)) {
                List<Change> changes = new ArrayList<>();
                JsonArray modified = t.getJsonArray("modifiedProperties");
                if (modified != null) {
                    modified.getValuesAs(JsonObject.class).forEach(m -> changes.add(new Change(text(m, "displayName"), shown(text(m, "oldValue")),
                            shown(text(m, "newValue")))));
                }
                targets.add(new Target(text(t, "type"), text(t, "displayName"), text(t, "id"), List.copyOf(changes)));
            }
        }
        List<Detail> details = new ArrayList<>();
        JsonArray additional = a.getJsonArray("additionalDetails");
        if (additional != null) {
            additional.getValuesAs(JsonObject.class).forEach(d -> details.add(new Detail(text(d, "key"), text(d, "value"))));
        }
        return new Row(text(a, "id"), LogPage.time(text(a, "activityDateTime")), text(a, "activityDisplayName"), text(a, "category"),
                "success".equals(text(a, "result")), coded ? resultReason.substring(0, colon) : "",
                coded ? resultReason.substring(colon + 1).trim() : resultReason, by, List.copyOf(targets), List.copyOf(details));
    }

    /** A logged value ("null" for none) as the pane shows it. */
    private static String shown(String json) {
        return json == null || json.isEmpty() || json.equals("null") ? "—" : json;
    }

    public List<Row> getRows() { return rows; }
    public List<String> getCategories() { return CATEGORIES; }
    public Map<String, String> getFilters() { return filters; }
    public String getNextPage() { return nextPage; }
    public boolean isPaged() { return paged; }
    public String getFirstPage() { return Paging.query(filters, null); }
    public String getError() { return error; }
}
