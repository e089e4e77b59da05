package io.keyward.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static io.keyward.admin.ConditionalAccessView.strings;

/**
 * One conditional access policy, new or existing: who (all users, guests, security groups, directory roles; each
 * included or excluded), which apps (every service principal, included or excluded, or all apps), what it grants
 * (block, or an authentication strength) and its state. A new policy starts report-only: it is evaluated and logged
 * and refuses no one until it is turned on. Save sends the whole policy (POST, or PATCH of an existing one).
 */
@Named
@ViewScoped
public class ConditionalAccessPolicyView implements Serializable {

    static final String GUESTS = "GuestsOrExternalUsers";
    static final String NOT_SECURITY = "Not a security group: conditional access targets security groups only (nonSecurityGroupTarget).";

    @Inject
    transient Graph graph;

    /** The choice offered for each role and app, and for guests: not targeted, included or excluded. */
    static final String NONE = "none";
    static final String INCLUDE = "include";
    static final String EXCLUDE = "exclude";
    static final List<String> TARGETS = List.of(NONE, INCLUDE, EXCLUDE);

    /** A group on the policy or in the picker's results. */
    public record GroupRow(String id, String displayName, boolean securityGroup) implements Serializable {

        public String reason() {
            return securityGroup ? "" : NOT_SECURITY;
        }
    }

    /** An app the policy can target: its client id and name. */
    public record AppRow(String appId, String displayName) implements Serializable {
    }

    /** A directory role: template id and name. */
    public record RoleRow(String id, String displayName) implements Serializable {
    }

    /** A strength the policy can require. */
    public record StrengthRow(String id, String displayName) implements Serializable {
    }

    private String id;
    private boolean loaded;
    private String error;
    private String displayName = "";
    private String state = ConditionalAccessView.REPORT_ONLY;
    private String savedState;
    private boolean allUsers;
    private String guests = NONE;
    /** Users set by id through Graph: kept as they are. */
    private List<String> includeUserIds = new ArrayList<>();
    private List<String> excludeUserIds = new ArrayList<>();
    private final List<GroupRow> includeGroups = new ArrayList<>();
    private final List<GroupRow> excludeGroups = new ArrayList<>();
    private final Map<String, String> roles = new LinkedHashMap<>();
    private boolean allApps;
    private final Map<String, String> apps = new LinkedHashMap<>();
    private List<AppRow> appRows = new ArrayList<>();
    private String appsError;
    private String grant = "strength";
    private String strengthId;
    private List<StrengthRow> strengths = List.of();
    private String appIdToAdd = "";
    private String groupQuery = "";
    private List<GroupRow> groupResults = List.of();

    /** Loads the policy named by the {@code id} view parameter, and what the page offers (apps, strengths). */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        Arrays.stream(AdminRole.values()).forEach(r -> roles.put(r.templateId(), NONE));
        try {
            strengths = graph.list(StrengthsView.STRENGTHS).stream()
                    .map(s -> new StrengthRow(s.getString("id"), s.getString("displayName", s.getString("id")))).toList();
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
            return;
        }
        try {
            graph.list("/servicePrincipals?$select=appId,displayName").stream()
                    .filter(a -> !a.getString("appId").equals("00000003-0000-0000-c000-000000000000"))
                    .forEach(a -> appRows.add(new AppRow(a.getString("appId"), a.getString("displayName", a.getString("appId")))));
        } catch (GraphRefused refusal) {
            appsError = "The list of apps needs a role that reads applications. " + Messages.words(refusal);
        }
        appRows.forEach(a -> apps.put(a.appId(), NONE));
        if (id == null || id.isBlank()) {
            return;
        }
        try {
            JsonObject p = graph.get(ConditionalAccessView.POLICIES + "/" + Graph.encode(id));
            displayName = p.getString("displayName", "");
            state = p.getString("state", ConditionalAccessView.REPORT_ONLY);
            savedState = state;
            JsonObject users = p.getJsonObject("conditions").getJsonObject("users");
            for (String u : strings(users, "includeUsers")) {
                switch (u) {
                    case "All" -> allUsers = true;
                    case GUESTS -> guests = INCLUDE;
                    case "None" -> { }
                    default -> includeUserIds.add(u);
                }
            }
            for (String u : strings(users, "excludeUsers")) {
                if (GUESTS.equals(u)) {
                    guests = EXCLUDE;
                } else {
                    excludeUserIds.add(u);
                }
            }
            Map<String, GroupRow> groups = new LinkedHashMap<>();
            DirectoryQuery.byIds(graph, "/groups", "id,displayName,securityEnabled", Stream.concat(strings(users, "includeGroups").stream(),
                    strings(users, "excludeGroups").stream()).toList()).forEach(g -> groups.put(g.getString("id"), group(g)));
            strings(users, "includeGroups").forEach(g -> includeGroups.add(groups.getOrDefault(g, new GroupRow(g, g, true))));
            strings(users, "excludeGroups").forEach(g -> excludeGroups.add(groups.getOrDefault(g, new GroupRow(g, g, true))));
            strings(users, "includeRoles").forEach(r -> roles.put(r, INCLUDE));
            strings(users, "excludeRoles").forEach(r -> roles.put(r, EXCLUDE));
            JsonObject applications = p.getJsonObject("conditions").getJsonObject("applications");
            for (String a : strings(applications, "includeApplications")) {
                if ("All".equals(a)) {
                    allApps = true;
                } else if (!"None".equals(a)) {
                    target(a, INCLUDE);
                }
            }
            strings(applications, "excludeApplications").forEach(a -> target(a, EXCLUDE));
            JsonObject controls = p.getJsonObject("grantControls");
            if (strings(controls, "builtInControls").contains("block")) {
                grant = "block";
            } else if (controls != null && controls.get("authenticationStrength") instanceof JsonObject s) {
                grant = "strength";
                strengthId = s.getString("id");
            }
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
        }
    }

    /** An app the policy names that the list does not have (or cannot be listed): shown by its id. */
    private void target(String appId, String target) {
        if (!apps.containsKey(appId)) {
            appRows.add(new AppRow(appId, appId));
        }
        apps.put(appId, target);
    }

    private static GroupRow group(JsonObject g) {
        return new GroupRow(g.getString("id"), g.getString("displayName", g.getString("id")), g.getBoolean("securityEnabled", false));
    }

    /** Where the role cannot list apps: targets an app by its id (Graph checks that it exists when the policy is saved). */
    public void addApp() {
        String appId = appIdToAdd == null ? "" : appIdToAdd.trim().toLowerCase(Locale.ROOT);
        if (!ModelNames.AAGUID.matcher(appId).matches()) {
            Messages.refused("'" + appIdToAdd + "' is not an app id (a GUID such as 9f1c7a4e-3b2d-4c8e-9a0f-5d6e7f8a9b0c).");
            return;
        }
        target(appId, INCLUDE);
        appIdToAdd = "";
    }

    public void findGroups() {
        try {
            groupResults = graph.getAdvanced(GroupsView.PICKER.text(groupQuery).path()).getJsonArray("value").stream()
                    .map(g -> group(g.asJsonObject())).toList();
        } catch (GraphRefused refusal) {
            Messages.refused(Messages.readWords(refusal));
        }
    }

    public void include(GroupRow group) {
        if (refuseNonSecurity(group)) {
            return;
        }
        excludeGroups.removeIf(g -> g.id().equals(group.id()));
        if (includeGroups.stream().noneMatch(g -> g.id().equals(group.id()))) {
            includeGroups.add(group);
        }
    }

    public void exclude(GroupRow group) {
        if (refuseNonSecurity(group)) {
            return;
        }
        includeGroups.removeIf(g -> g.id().equals(group.id()));
        if (excludeGroups.stream().noneMatch(g -> g.id().equals(group.id()))) {
            excludeGroups.add(group);
        }
    }

    private boolean refuseNonSecurity(GroupRow group) {
        if (!group.securityGroup()) {
            Messages.refused("'" + group.displayName() + "' cannot be added. " + NOT_SECURITY);
            return true;
        }
        return false;
    }

    public void removeIncluded(GroupRow group) {
        includeGroups.removeIf(g -> g.id().equals(group.id()));
    }

    public void removeExcluded(GroupRow group) {
        excludeGroups.removeIf(g -> g.id().equals(group.id()));
    }

    /** Creates (POST) or replaces (PATCH) the policy with what the page shows. */
    public String save() {
        if ("strength".equals(grant) && (strengthId == null || strengthId.isBlank())) {
            Messages.refused("Choose the authentication strength the policy requires, or choose Block access.");
            return null;
        }
        boolean creating = id == null || id.isBlank();
        try {
            if (creating) {
                id = graph.send("POST", ConditionalAccessView.POLICIES, body(), null).object().getString("id");
            } else {
                graph.send("PATCH", ConditionalAccessView.POLICIES + "/" + Graph.encode(id), body(), null);
            }
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            if (creating) {
                id = null;
            }
            return null;
        }
        Messages.done((creating ? "Created" : "Saved") + " the policy '" + displayName.trim() + "'. It is " + switch (state) {
            case "enabled" -> "on: it refuses whoever it does not let in.";
            case "disabled" -> "off: it is not evaluated.";
            default -> "report-only: sign-ins show what it would do in the sign-in log, and it refuses no one.";
        });
        return self();
    }

    /** Turns the saved policy on (PATCH of its state only). */
    public String turnOn() {
        try {
            graph.send("PATCH", ConditionalAccessView.POLICIES + "/" + Graph.encode(id), Json.createObjectBuilder().add("state", "enabled").build(), null);
            Messages.done("Turned on the policy '" + displayName.trim() + "': from the next sign-in it refuses whoever it does not let in.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        return self();
    }

    private String self() {
        return Messages.redirect("/ca-policy.xhtml?faces-redirect=true&id=" + Graph.encode(id));
    }

    /** The conditionalAccessPolicy body (GRAPH-API §3) for what the page shows. */
    JsonObject body() {
        JsonArrayBuilder includeUsers = Json.createArrayBuilder();
        if (allUsers) {
            includeUsers.add("All");
        }
        if (INCLUDE.equals(guests)) {
            includeUsers.add(GUESTS);
        }
        includeUserIds.forEach(includeUsers::add);
        JsonArrayBuilder excludeUsers = Json.createArrayBuilder(excludeUserIds);
        if (EXCLUDE.equals(guests)) {
            excludeUsers.add(GUESTS);
        }
        JsonArrayBuilder includeApps = Json.createArrayBuilder();
        if (allApps) {
            includeApps.add("All");
        }
        chosen(apps, INCLUDE).forEach(includeApps::add);
        JsonObjectBuilder grantControls = Json.createObjectBuilder().add("operator", "OR");
        if ("block".equals(grant)) {
            grantControls.add("builtInControls", Json.createArrayBuilder().add("block"));
        } else {
            grantControls.add("builtInControls", Json.createArrayBuilder()).add("authenticationStrength", Json.createObjectBuilder().add("id", strengthId));
        }
        return Json.createObjectBuilder()
                .add("displayName", displayName.trim())
                .add("state", state)
                .add("conditions", Json.createObjectBuilder()
                        .add("clientAppTypes", Json.createArrayBuilder().add("all"))
                        .add("applications", Json.createObjectBuilder().add("includeApplications", includeApps)
                                .add("excludeApplications", Json.createArrayBuilder(chosen(apps, EXCLUDE))))
                        .add("users", Json.createObjectBuilder()
                                .add("includeUsers", includeUsers).add("excludeUsers", excludeUsers)
                                .add("includeGroups", Json.createArrayBuilder(includeGroups.stream().map(GroupRow::id).toList()))
                                .add("excludeGroups", Json.createArrayBuilder(excludeGroups.stream().map(GroupRow::id).toList()))
                                .add("includeRoles", Json.createArrayBuilder(chosen(roles, INCLUDE)))
                                .add("excludeRoles", Json.createArrayBuilder(chosen(roles, EXCLUDE)))))
                .add("grantControls", grantControls)
                .build();
    }

    private static List<String> chosen(Map<String, String> targets, String which) {
        return targets.entrySet().stream().filter(e -> which.equals(e.getValue())).map(Map.Entry::getKey).toList();
    }

    public List<RoleRow> getRoleRows() {
        return Arrays.stream(AdminRole.values()).map(r -> new RoleRow(r.templateId(), r.displayName())).toList();
    }

    public List<String> getTargets() { return TARGETS; }
    public String targetLabel(String t) { return switch (t) { case INCLUDE -> "Include"; case EXCLUDE -> "Exclude"; default -> "Not targeted"; }; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public boolean isNew() { return id == null || id.isBlank(); }
    public String getError() { return error; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName == null ? "" : displayName; }
    public String getState() { return state; }
    public void setState(String state) {
        if (List.of("enabled", "disabled", ConditionalAccessView.REPORT_ONLY).contains(state)) {
            this.state = state;
        }
    }
    public String getSavedState() { return savedState; }
    public String getSavedStateLabel() { return savedState == null ? "" : ConditionalAccessView.stateLabel(savedState); }
    public boolean isAllUsers() { return allUsers; }
    public void setAllUsers(boolean allUsers) { this.allUsers = allUsers; }
    public String getGuests() { return guests; }
    public void setGuests(String guests) { this.guests = TARGETS.contains(guests) ? guests : NONE; }
    public int getSpecificUsers() { return includeUserIds.size() + excludeUserIds.size(); }
    public List<GroupRow> getIncludeGroups() { return includeGroups; }
    public List<GroupRow> getExcludeGroups() { return excludeGroups; }
    public Map<String, String> getRoles() { return roles; }
    public boolean isAllApps() { return allApps; }
    public void setAllApps(boolean allApps) { this.allApps = allApps; }
    public Map<String, String> getApps() { return apps; }
    public List<AppRow> getAppRows() { return appRows; }
    public String getAppsError() { return appsError; }
    public String getGrant() { return grant; }
    public void setGrant(String grant) { if ("block".equals(grant) || "strength".equals(grant)) { this.grant = grant; } }
    public String getStrengthId() { return strengthId; }
    public void setStrengthId(String strengthId) { this.strengthId = strengthId; }
    public List<StrengthRow> getStrengths() { return strengths; }
    public String getAppIdToAdd() { return appIdToAdd; }
    public void setAppIdToAdd(String appIdToAdd) { this.appIdToAdd = appIdToAdd; }
    public String getGroupQuery() { return groupQuery; }
    public void setGroupQuery(String groupQuery) { this.groupQuery = groupQuery; }
    public List<GroupRow> getGroupResults() { return groupResults; }
}
