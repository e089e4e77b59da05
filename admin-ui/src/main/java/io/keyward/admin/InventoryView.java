package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The AAGUID inventory: each model seen in registered passkeys and in sign-ins over a period (Graph
 * {@code /beta/keyward/reports/aaguidInventory}), with a link that previews an allow list of the models in use.
 */
@Named
@RequestScoped
public class InventoryView {

    static final Set<String> PERIODS = Set.of("7d", "30d", "90d", "365d");

    @Inject
    Graph graph;

    @Inject
    HttpServletRequest request;

    /** One model. */
    public record Row(String aaguid, String model, String attestation, long users, long passkeys, long signIns, long refusedSignIns,
                      String lastUsed) {
    }

    private List<Row> rows = List.of();
    private String since = "30d";
    private String error;

    @PostConstruct
    void load() {
        String asked = request.getParameter("since");
        since = asked != null && PERIODS.contains(asked) ? asked : "30d";
        try {
            rows = graph.get("beta:/keyward/reports/aaguidInventory?since=" + since).getJsonArray("value").getValuesAs(JsonObject.class)
                    .stream().map(o -> new Row(o.getString("aaGuid"), o.getString("model", ""), o.getString("attestation", ""),
                            number(o, "users"), number(o, "passkeys"), number(o, "signIns"), number(o, "refusedSignIns"),
                            o.get("lastUsedDateTime") instanceof JsonString s ? s.getString() : "")).toList();
        } catch (GraphRefused refusal) {
            error = (refusal.status() == 403 ? "The inventory needs a role that reads reports (Global Administrator, Global Reader, Reports Reader). " : "")
                    + Messages.words(refusal);
        }
    }

    private static long number(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonNumber n ? n.longValue() : 0;
    }

    /** One model in the chart: passkeys and sign-ins, each as a share (0–100) of the largest model's. */
    public record Bar(String aaguid, String model, long passkeys, long signIns, int passkeysPercent, int signInsPercent) {
    }

    /** The chart of passkeys and sign-ins per model, the most passkeys first (server-rendered bars, numbers as text). */
    public List<Bar> getChart() {
        long maxPasskeys = rows.stream().mapToLong(Row::passkeys).max().orElse(0);
        long maxSignIns = rows.stream().mapToLong(Row::signIns).max().orElse(0);
        return rows.stream().sorted(Comparator.comparingLong(Row::passkeys).reversed().thenComparing(Comparator.comparingLong(Row::signIns).reversed()))
                .map(r -> new Bar(r.aaguid(), r.model().isEmpty() ? "Unknown model" : r.model(), r.passkeys(), r.signIns(),
                        percent(r.passkeys(), maxPasskeys), percent(r.signIns(), maxSignIns))).toList();
    }

    /** A bar's length: the share of the largest, at least 1 for a non-zero value so that it stays visible. */
    static int percent(long value, long max) {
        if (value <= 0 || max <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round(value * 100.0 / max));
    }

    /** The models with registered passkeys, one a line: what an allow list keeping everyone signing in would list. */
    public String getModelsInUse() {
        return String.join("\n", rows.stream().filter(r -> r.passkeys() > 0).map(Row::aaguid).toList());
    }

    public List<Row> getRows() { return rows; }
    public String getSince() { return since; }
    public String getError() { return error; }
    public List<String> getPeriods() { return List.of("7d", "30d", "90d", "365d"); }
}
