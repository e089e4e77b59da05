package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Conditional access policies: each with its state (report-only, on, off), who and which apps it targets, and what it
 * grants (block, or an authentication strength); a report-only or disabled policy is turned on here once its
 * report-only results in the sign-in log show it refuses no one it should not.
 */
@Named
@ViewScoped
public class ConditionalAccessView implements Serializable {

    static final String POLICIES = "/identity/conditionalAccess/policies";
    static final String REPORT_ONLY = "enabledForReportingButNotEnforced";

    @Inject
    transient Graph graph;

    /** One policy as the list shows it. */
    public record Row(String id, String displayName, String state, String users, String apps, String grant) implements Serializable {

        public String stateLabel() {
            return ConditionalAccessView.stateLabel(state);
        }

        public boolean on() {
            return "enabled".equals(state);
        }
    }

    private List<Row> policies = List.of();
    private String loadError;

    @PostConstruct
    void load() {
        try {
            List<JsonObject> all = graph.list(POLICIES);
            Names names = Names.read(graph, all.stream().flatMap(p -> strings(p.getJsonObject("conditions").getJsonObject("users"), "includeGroups")
                    .stream()).toList());
            List<Row> rows = new ArrayList<>();
            for (JsonObject p : all) {
                rows.add(row(p, names));
            }
            policies = rows;
        } catch (GraphRefused refusal) {
            loadError = Messages.words(refusal);
        }
    }

    static String stateLabel(String state) {
        return switch (state) {
            case "enabled" -> "On";
            case "disabled" -> "Off";
            case REPORT_ONLY -> "Report-only";
            default -> state;
        };
    }

    /** Display names of groups and apps for the summaries (ids where the role cannot read them). */
    record Names(Map<String, String> groups, Map<String, String> apps) {

        /** The names of the groups the policies include (read by id) and of the apps. */
        static Names read(Graph graph, List<String> groupIds) {
            Map<String, String> groups = new HashMap<>();
            Map<String, String> apps = new HashMap<>();
            try {
                DirectoryQuery.byIds(graph, "/groups", "id,displayName", groupIds)
                        .forEach(g -> groups.put(g.getString("id"), g.getString("displayName", g.getString("id"))));
            } catch (GraphRefused cannotRead) {
                // ids are shown instead
            }
            try {
                graph.list("/servicePrincipals?$select=appId,displayName").forEach(a -> apps.put(a.getString("appId"), a.getString("displayName", a.getString("appId"))));
            } catch (GraphRefused cannotRead) {
                // ids are shown instead
            }
            return new Names(groups, apps);
        }
    }

    static Row row(JsonObject p, Names names) {
        JsonObject conditions = p.getJsonObject("conditions");
        JsonObject users = conditions.getJsonObject("users");
        JsonObject apps = conditions.getJsonObject("applications");
        List<String> who = new ArrayList<>();
        long people = 0;
        for (String u : strings(users, "includeUsers")) {
            switch (u) {
                case "All" -> who.add("All users");
                case "GuestsOrExternalUsers" -> who.add("Guests");
                case "None" -> who.add("No one");
                default -> people++;
            }
        }
        if (people > 0) {
            who.add(people == 1 ? "1 person" : people + " people");
        }
        strings(users, "includeGroups").forEach(g -> who.add(names.groups().getOrDefault(g, g)));
        strings(users, "includeRoles").forEach(r -> who.add(AdminRole.byTemplateId(r).map(AdminRole::displayName).orElse(r)));
        List<String> except = new ArrayList<>();
        List<String> excluded = strings(users, "excludeUsers");
        if (excluded.contains("GuestsOrExternalUsers")) {
            except.add("Guests");
        }
        long excludedPeople = excluded.stream().filter(u -> !"GuestsOrExternalUsers".equals(u)).count();
        if (excludedPeople > 0) {
            except.add(excludedPeople == 1 ? "1 person" : excludedPeople + " people");
        }
        strings(users, "excludeGroups").forEach(g -> except.add(names.groups().getOrDefault(g, g)));
        strings(users, "excludeRoles").forEach(r -> except.add(AdminRole.byTemplateId(r).map(AdminRole::displayName).orElse(r)));
        List<String> which = new ArrayList<>();
        strings(apps, "includeApplications").forEach(a -> which.add("All".equals(a) ? "All apps" : "None".equals(a) ? "No app" : names.apps().getOrDefault(a, a)));
        List<String> exceptApps = strings(apps, "excludeApplications").stream().map(a -> names.apps().getOrDefault(a, a)).toList();
        JsonObject grant = p.getJsonObject("grantControls");
        String granted = grant == null ? "" : strings(grant, "builtInControls").contains("block") ? "Block access"
                : grant.get("authenticationStrength") instanceof JsonObject s ? "Require “" + s.getString("displayName", "") + "”" : "";
        return new Row(p.getString("id"), p.getString("displayName", ""), p.getString("state", ""),
                String.join(", ", who) + (except.isEmpty() ? "" : "; except " + String.join(", ", except)),
                String.join(", ", which) + (exceptApps.isEmpty() ? "" : "; except " + String.join(", ", exceptApps)), granted);
    }

    static List<String> strings(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v != null && v.getValueType() == JsonValue.ValueType.ARRAY
                ? v.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of();
    }

    /** Turns a report-only or disabled policy on: it refuses from the next sign-in. */
    public String turnOn(Row policy) {
        try {
            graph.send("PATCH", POLICIES + "/" + Graph.encode(policy.id()), Json.createObjectBuilder().add("state", "enabled").build(), null);
            Messages.done("Turned on the policy '" + policy.displayName() + "': from the next sign-in it refuses whoever it does not let in.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return Messages.redirect("/ca-policies.xhtml?faces-redirect=true");
    }

    public String delete(Row policy) {
        try {
            graph.send("DELETE", POLICIES + "/" + Graph.encode(policy.id()), null, null);
            Messages.done("Deleted the policy '" + policy.displayName() + "'.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return Messages.redirect("/ca-policies.xhtml?faces-redirect=true");
    }

    public List<Row> getPolicies() { return policies; }
    public String getLoadError() { return loadError; }
}
