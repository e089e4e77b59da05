package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Authentication methods → Passkey (FIDO2): the policy as Graph has it, edited on the page — who is included (with the
 * passkey profiles each include target allows) and excluded, and the default profile's settings — reviewed with the
 * lockout preview and saved with one PATCH carrying If-Match ({@link ReviewedPolicyChange}).
 */
@Named
@ViewScoped
public class PasskeyPolicyView implements Serializable {

    static final String ALL_USERS = "all_users";
    static final String NON_SECURITY_GROUP_REASON = "Not a security group: the passkey policy targets security groups only (nonSecurityGroupTarget).";

    @Inject
    transient Graph graph;

    /** A group in the include or exclude list, or the group picker's results. */
    public record GroupRow(String id, String displayName, boolean securityGroup) implements Serializable {

        public String reason() {
            return securityGroup ? "" : NON_SECURITY_GROUP_REASON;
        }
    }

    private ReviewedPolicyChange change;
    private boolean enabled;
    private boolean selfService;
    private boolean attestationEnforced;
    private KeyRestrictionsForm restrictions = KeyRestrictionsForm.of(null);
    private boolean allUsers;
    private final List<GroupRow> included = new ArrayList<>();
    /**
     * The include targets as loaded (JSON text, by id): saving keeps what this page does not edit, such as a target's
     * {@code isRegistrationRequired}.
     */
    private final Map<String, String> loadedIncludeTargets = new HashMap<>();
    /** For each include target (by id), the passkey profiles ticked for it (by profile id); none ticked: the default profile. */
    private final Map<String, Map<String, Boolean>> allowedProfiles = new HashMap<>();
    private List<PasskeyProfileRow> profiles = List.of();
    private final List<GroupRow> excluded = new ArrayList<>();
    private String groupQuery = "";
    private List<GroupRow> groupResults = List.of();
    private String loadError;

    @PostConstruct
    void load() {
        try {
            Graph.Reply reply = graph.getWithEtag(ReviewedPolicyChange.POLICY);
            change = new ReviewedPolicyChange(reply.etag().orElse(null));
            JsonObject policy = reply.object();
            enabled = "enabled".equals(policy.getString("state", "disabled"));
            selfService = policy.getBoolean("isSelfServiceRegistrationAllowed", true);
            attestationEnforced = policy.getBoolean("isAttestationEnforced", false);
            restrictions = KeyRestrictionsForm.of(policy.getJsonObject("keyRestrictions"));
            profiles = PasskeyProfileRow.of(policy);
            Map<String, GroupRow> groups = groupsById(graph, policy);
            for (JsonValue t : policy.getJsonArray("includeTargets")) {
                JsonObject target = t.asJsonObject();
                String id = target.getString("id");
                loadedIncludeTargets.put(id, target.toString());
                Map<String, Boolean> ticked = untickedProfiles();
                if (target.get("allowedPasskeyProfiles") instanceof jakarta.json.JsonArray allowed) {
                    allowed.getValuesAs(JsonString.class).forEach(p -> ticked.put(p.getString(), true));
                }
                allowedProfiles.put(id, ticked);
                if (ALL_USERS.equals(id)) {
                    allUsers = true;
                } else {
                    included.add(groups.getOrDefault(id, new GroupRow(id, id, true)));
                }
            }
            allowedProfiles.computeIfAbsent(ALL_USERS, id -> untickedProfiles());
            for (JsonValue t : policy.getJsonArray("excludeTargets")) {
                String id = t.asJsonObject().getString("id");
                excluded.add(groups.getOrDefault(id, new GroupRow(id, id, true)));
            }
        } catch (GraphRefused refusal) {
            loadError = Messages.words(refusal);
        }
    }

    /** The groups the policy's include and exclude targets name, by id (read by id, never the whole directory). */
    static Map<String, GroupRow> groupsById(Graph graph, JsonObject policy) {
        List<String> named = Stream.concat(policy.getJsonArray("includeTargets").stream(), policy.getJsonArray("excludeTargets").stream())
                .map(t -> t.asJsonObject().getString("id")).filter(id -> !ALL_USERS.equals(id)).toList();
        Map<String, GroupRow> groups = new HashMap<>();
        DirectoryQuery.byIds(graph, "/groups", "id,displayName,securityEnabled", named).forEach(g -> groups.put(g.getString("id"), row(g)));
        return groups;
    }

    private Map<String, Boolean> untickedProfiles() {
        Map<String, Boolean> ticked = new LinkedHashMap<>();
        profiles.forEach(p -> ticked.put(p.id(), false));
        return ticked;
    }

    private static GroupRow row(JsonObject g) {
        return new GroupRow(g.getString("id"), g.getString("displayName", g.getString("id")), g.getBoolean("securityEnabled", false));
    }

    /** The first groups whose name or mail starts a word with what was typed (Graph's {@code $search}, as the other pickers). */
    public void findGroups() {
        try {
            groupResults = graph.getAdvanced(GroupsView.PICKER.text(groupQuery).path()).getJsonArray("value").stream()
                    .map(g -> row(g.asJsonObject())).toList();
        } catch (GraphRefused refusal) {
            Messages.refused(Messages.readWords(refusal));
        }
    }

    public void include(GroupRow group) {
        if (refuseNonSecurity(group)) {
            return;
        }
        excluded.removeIf(g -> g.id().equals(group.id()));
        if (included.stream().noneMatch(g -> g.id().equals(group.id()))) {
            included.add(group);
            allowedProfiles.computeIfAbsent(group.id(), id -> untickedProfiles());
        }
        allUsers = false;
        changed();
    }

    public void exclude(GroupRow group) {
        if (refuseNonSecurity(group)) {
            return;
        }
        included.removeIf(g -> g.id().equals(group.id()));
        if (excluded.stream().noneMatch(g -> g.id().equals(group.id()))) {
            excluded.add(group);
        }
        changed();
    }

    private boolean refuseNonSecurity(GroupRow group) {
        if (!group.securityGroup()) {
            Messages.refused("'" + group.displayName() + "' cannot be added. " + NON_SECURITY_GROUP_REASON);
            return true;
        }
        return false;
    }

    public void removeIncluded(GroupRow group) {
        included.removeIf(g -> g.id().equals(group.id()));
        changed();
    }

    public void removeExcluded(GroupRow group) {
        excluded.removeIf(g -> g.id().equals(group.id()));
        changed();
    }

    /** Computes the lockout preview for the settings on the page; Save is offered once it was seen. */
    public void review() {
        Optional<String> invalid = restrictions.refusal();
        if (invalid.isPresent()) {
            Messages.refused(invalid.get());
            change.changed();
            return;
        }
        change.review(graph, body());
    }

    /** PATCH with If-Match: a concurrent change by another administrator is a conflict, never overwritten. */
    public String save() {
        if (!change.save(graph, body())) {
            return null;
        }
        Messages.done("Saved the passkey policy.");
        return Messages.redirect("/passkey-policy.xhtml?faces-redirect=true");
    }

    /** The PATCH body for the settings on the page (GRAPH-API §1.3). */
    private JsonObject body() {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("state", enabled ? "enabled" : "disabled")
                .add("isSelfServiceRegistrationAllowed", selfService)
                .add("isAttestationEnforced", attestationEnforced)
                .add("keyRestrictions", restrictions.json());
        JsonArrayBuilder include = Json.createArrayBuilder();
        if (allUsers) {
            include.add(includeTarget(loadedIncludeTargets, ALL_USERS, ticked(ALL_USERS)));
        }
        included.forEach(g -> include.add(includeTarget(loadedIncludeTargets, g.id(), ticked(g.id()))));
        JsonArrayBuilder exclude = Json.createArrayBuilder();
        excluded.forEach(g -> exclude.add(Json.createObjectBuilder().add("targetType", "group").add("id", g.id())));
        return body.add("includeTargets", include).add("excludeTargets", exclude).build();
    }

    /** The profiles ticked for a target, in the policy's order of profiles. */
    private List<String> ticked(String targetId) {
        Map<String, Boolean> ticked = allowedProfiles.getOrDefault(targetId, Map.of());
        return profiles.stream().map(PasskeyProfileRow::id).filter(id -> Boolean.TRUE.equals(ticked.get(id))).toList();
    }

    /**
     * An include target allowing these passkey profiles (none: the default profile): as loaded when it was there before,
     * keeping what this page does not edit, else a new one.
     */
    static JsonObject includeTarget(Map<String, String> loadedIncludeTargets, String id, List<String> allowedProfiles) {
        String loaded = loadedIncludeTargets.get(id);
        JsonObjectBuilder target;
        if (loaded != null) {
            try (var reader = Json.createReader(new java.io.StringReader(loaded))) {
                target = Json.createObjectBuilder(reader.readObject());
            }
        } else {
            target = Json.createObjectBuilder().add("targetType", "group").add("id", id).add("isRegistrationRequired", false);
        }
        return target.add("allowedPasskeyProfiles", Json.createArrayBuilder(allowedProfiles)).build();
    }

    public void changed() {
        change.changed();
    }

    public List<KeyRestrictionsForm.ListedModel> getListedModels() {
        return restrictions.listedModels(graph);
    }

    public String getLoadError() { return loadError; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isSelfService() { return selfService; }
    public void setSelfService(boolean selfService) { this.selfService = selfService; }
    public boolean isAttestationEnforced() { return attestationEnforced; }
    public void setAttestationEnforced(boolean attestationEnforced) { this.attestationEnforced = attestationEnforced; }
    public KeyRestrictionsForm getRestrictions() { return restrictions; }
    public boolean isAllUsers() { return allUsers; }
    public void setAllUsers(boolean allUsers) { this.allUsers = allUsers; }
    public List<GroupRow> getIncluded() { return included; }
    public List<GroupRow> getExcluded() { return excluded; }
    public List<PasskeyProfileRow> getProfiles() { return profiles; }
    public Map<String, Map<String, Boolean>> getAllowedProfiles() { return allowedProfiles; }
    public String getGroupQuery() { return groupQuery; }
    public void setGroupQuery(String groupQuery) { this.groupQuery = groupQuery; }
    public List<GroupRow> getGroupResults() { return groupResults; }
    public LockoutPreview getLockout() { return change == null ? null : change.lockout(); }
    public boolean isReviewed() { return change != null && change.isReviewed(); }
}
