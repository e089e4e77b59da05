package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The dashboard (Keyward's {@code /beta/keyward/reports/passkeyDashboard}, aggregated on the server): passkey
 * registration coverage overall and per security group, sign-ins per day and method over the last 14 days, and refused
 * sign-ins per reason code. For the roles that read reports.
 */
@Named
@RequestScoped
public class DashboardView {

    static final int DAYS = 14;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    @Inject
    Graph graph;

    @Inject
    Admin admin;

    /** A security group's coverage. */
    public record GroupRow(String id, String displayName, long members, long membersWithPasskey, int percent) {
    }

    /** One day: sign-ins that succeeded per method (in the order of {@link #getMethods()}), refused ones, the total's bar. */
    public record DayRow(String date, String label, List<Long> succeeded, long refused, long total, int percent, int refusedPercent,
                         String breakdown) {
    }

    /** Refused sign-ins with one reason code. */
    public record RefusalRow(String reasonCode, long count, int percent) {
    }

    private long users;
    private long usersWithPasskey;
    private List<GroupRow> groups = List.of();
    private List<String> methods = List.of();
    private List<DayRow> days = List.of();
    private List<RefusalRow> refusals = List.of();
    private String error;

    @PostConstruct
    void load() {
        if (!admin.isCanReadReports()) {
            error = "The dashboard's reports need a role that reads reports (Global Administrator, Global Reader, Reports Reader).";
            return;
        }
        JsonObject report;
        try {
            report = graph.get("beta:/keyward/reports/passkeyDashboard?days=" + DAYS + "&groups=20");
        } catch (GraphRefused refusal) {
            error = "The dashboard's reports need a role that reads reports (Global Administrator, Global Reader, Reports Reader). "
                    + Messages.words(refusal);
            return;
        }
        users = number(report, "users");
        usersWithPasskey = number(report, "usersWithPasskey");
        groups = report.getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                .map(g -> new GroupRow(g.getString("id"), g.getString("displayName", ""), number(g, "members"), number(g, "membersWithPasskey"),
                        percentOf(number(g, "membersWithPasskey"), number(g, "members")))).toList();

        List<JsonObject> perDay = report.getJsonArray("signInsPerDay").getValuesAs(JsonObject.class);
        methods = List.copyOf(new TreeSet<>(perDay.stream().map(d -> d.getString("method", "")).toList()));
        LocalDate first = LocalDate.parse(report.getString("since").substring(0, 10));
        int dayCount = report.getInt("days", DAYS);
        Map<LocalDate, Map<String, long[]>> byDay = new LinkedHashMap<>();
        for (int i = 0; i < dayCount; i++) {
            byDay.put(first.plusDays(i), new LinkedHashMap<>());
        }
        for (JsonObject d : perDay) {
            Map<String, long[]> day = byDay.get(LocalDate.parse(d.getString("date")));
            if (day != null) {
                day.put(d.getString("method", ""), new long[]{number(d, "succeeded"), number(d, "refused")});
            }
        }
        long maxTotal = byDay.values().stream().mapToLong(m -> m.values().stream().mapToLong(v -> v[0] + v[1]).sum()).max().orElse(0);
        List<DayRow> rows = new ArrayList<>();
        byDay.forEach((date, counts) -> {
            List<Long> succeeded = methods.stream().map(m -> counts.getOrDefault(m, new long[2])[0]).toList();
            long refused = counts.values().stream().mapToLong(v -> v[1]).sum();
            long total = succeeded.stream().mapToLong(Long::longValue).sum() + refused;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < methods.size(); i++) {
                parts.add(methods.get(i) + " " + succeeded.get(i));
            }
            rows.add(new DayRow(date.toString(), DAY.format(date), succeeded, refused, total, InventoryView.percent(total, maxTotal),
                    InventoryView.percent(refused, maxTotal), parts.isEmpty() ? "0" : String.join(" · ", parts)));
        });
        days = List.copyOf(rows);

        List<JsonObject> refused = report.getJsonArray("refusals").getValuesAs(JsonObject.class);
        long maxRefused = refused.stream().mapToLong(r -> number(r, "count")).max().orElse(0);
        refusals = refused.stream().map(r -> new RefusalRow(r.getString("reasonCode", "").isEmpty() ? "none" : r.getString("reasonCode"),
                number(r, "count"), InventoryView.percent(number(r, "count"), maxRefused))).toList();
    }

    /** A share in whole percent (0 when there is nothing to share). */
    static int percentOf(long part, long whole) {
        return whole <= 0 ? 0 : (int) Math.round(part * 100.0 / whole);
    }

    private static long number(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonNumber n ? n.longValue() : 0;
    }

    public long getUsers() { return users; }
    public long getUsersWithPasskey() { return usersWithPasskey; }
    public int getCoveragePercent() { return percentOf(usersWithPasskey, users); }
    public List<GroupRow> getGroups() { return groups; }
    public List<String> getMethods() { return methods; }
    public List<DayRow> getDays() { return days; }
    public List<RefusalRow> getRefusals() { return refusals; }
    public long getSignInsTotal() { return days.stream().mapToLong(DayRow::total).sum(); }
    public String getError() { return error; }
}
