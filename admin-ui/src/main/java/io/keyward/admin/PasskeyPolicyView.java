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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Authentication methods → Passkey (FIDO2): the policy as Graph has it, edited on the page, reviewed with the lockout
 * preview (how many users and passkeys the change would refuse at sign-in) and saved with one PATCH carrying If-Match,
 * so that two administrators cannot overwrite each other.
 */
@Named
@ViewScoped
public class PasskeyPolicyView implements Serializable {

    static final String POLICY = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    static final String TYPE = "#microsoft.graph.fido2AuthenticationMethodConfiguration";
    static final String ALL_USERS = "all_users";
    static final String NON_SECURITY_GROUP_REASON = "Not a security group: the passkey policy targets security groups only (nonSecurityGroupTarget).";
    static final Pattern AAGUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    transient Graph graph;

    /** A group in the include or exclude list, or the group picker's results. */
    public record GroupRow(String id, String displayName, boolean securityGroup) implements Serializable {

        public String reason() {
            return securityGroup ? "" : NON_SECURITY_GROUP_REASON;
        }
    }

    /** An AAGUID on the key restriction list with its model's name from metadata. */
    public record ListedModel(String aaguid, String model) implements Serializable {
    }

    private String etag;
    private boolean enabled;
    private boolean selfService;
    private boolean attestationEnforced;
    private boolean restrictionsEnforced;
    private boolean auditOnly;
    private String enforcementType = "block";
    private String aaguidList = "";
    private boolean allUsers;
    private final List<GroupRow> included = new ArrayList<>();
    /**
     * The include targets as loaded (JSON text, by id): saving keeps what this page does not edit, such as a target's
     * {@code allowedPasskeyProfiles} and {@code isRegistrationRequired}.
     */
    private final Map<String, String> loadedIncludeTargets = new java.util.HashMap<>();
    private final List<GroupRow> excluded = new ArrayList<>();
    private String groupQuery = "";
    private List<GroupRow> groupResults = List.of();
    private LockoutPreview lockout;
    private boolean reviewed;
    private String reviewedBody;
    private String loadError;
    private final Map<String, String> modelNames = new ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        try {
            Graph.Reply reply = graph.getWithEtag(POLICY);
            etag = reply.etag().orElse(null);
            JsonObject policy = reply.object();
            enabled = "enabled".equals(policy.getString("state", "disabled"));
            selfService = policy.getBoolean("isSelfServiceRegistrationAllowed", true);
            attestationEnforced = policy.getBoolean("isAttestationEnforced", false);
            JsonObject restrictions = policy.getJsonObject("keyRestrictions");
            restrictionsEnforced = restrictions.getBoolean("isEnforced", false);
            auditOnly = restrictions.getBoolean("isAuditOnly", false);
            enforcementType = restrictions.getString("enforcementType", "block");
            aaguidList = String.join("\n", restrictions.getJsonArray("aaGuids").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
            Map<String, GroupRow> groups = new java.util.HashMap<>();
            for (JsonObject g : graph.list("/groups?$select=id,displayName,securityEnabled")) {
                groups.put(g.getString("id"), row(g));
            }
            for (JsonValue t : policy.getJsonArray("includeTargets")) {
                String id = t.asJsonObject().getString("id");
                loadedIncludeTargets.put(id, t.toString());
                if (ALL_USERS.equals(id)) {
                    allUsers = true;
                } else {
                    included.add(groups.getOrDefault(id, new GroupRow(id, id, true)));
                }
            }
            for (JsonValue t : policy.getJsonArray("excludeTargets")) {
                String id = t.asJsonObject().getString("id");
                excluded.add(groups.getOrDefault(id, new GroupRow(id, id, true)));
            }
        } catch (GraphRefused refusal) {
            loadError = Messages.words(refusal);
        }
    }

    private static GroupRow row(JsonObject g) {
        return new GroupRow(g.getString("id"), g.getString("displayName", g.getString("id")), g.getBoolean("securityEnabled", false));
    }

    public void findGroups() {
        String query = groupQuery == null ? "" : groupQuery.trim().toLowerCase(Locale.ROOT);
        groupResults = graph.list("/groups?$select=id,displayName,securityEnabled").stream().map(PasskeyPolicyView::row)
                .filter(g -> g.displayName().toLowerCase(Locale.ROOT).contains(query)).limit(25).toList();
    }

    public void include(GroupRow group) {
        if (refuseNonSecurity(group)) {
            return;
        }
        excluded.removeIf(g -> g.id().equals(group.id()));
        if (included.stream().noneMatch(g -> g.id().equals(group.id()))) {
            included.add(group);
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
        Optional<String> invalid = invalidAaguid();
        if (invalid.isPresent()) {
            Messages.refused("'" + invalid.get() + "' is not an AAGUID (8-4-4-4-12 hexadecimal digits, as 01020304-0506-0708-0102-030405060708).");
            reviewed = false;
            return;
        }
        JsonObject body = body();
        try {
            lockout = LockoutPreview.of(graph, Json.createObjectBuilder().add("state", body.getString("state"))
                    .add("keyRestrictions", body.getJsonObject("keyRestrictions")).build());
        } catch (GraphRefused refusal) {
            Messages.refused("The preview could not be computed. " + Messages.words(refusal));
            reviewed = false;
            return;
        }
        reviewedBody = body.toString();
        reviewed = true;
    }

    /** PATCH with If-Match: a concurrent change by another administrator is a conflict, never overwritten. */
    public String save() {
        if (!reviewed || !body().toString().equals(reviewedBody)) {
            review();
            if (reviewed) {
                Messages.refused("The settings changed since the last review. Check who the change would lock out below, then save again.");
            }
            return null;
        }
        try {
            patch(graph, body(), etag);
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            reviewed = false;
            return null;
        }
        Messages.done("Saved the passkey policy.");
        return Messages.redirect("/passkey-policy.xhtml?faces-redirect=true");
    }

    /**
     * The one way the admin center changes the passkey policy: a PATCH of these properties (with {@code @odata.type})
     * carrying If-Match, so that a change saved by someone else since {@code etag} was read is refused (412), never
     * overwritten. Used by this page and by the inventory's allow list.
     */
    static void patch(Graph graph, JsonObject properties, String etag) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("@odata.type", TYPE);
        properties.forEach((name, value) -> {
            if (!"@odata.type".equals(name)) {
                body.add(name, value);
            }
        });
        graph.send("PATCH", POLICY, body.build(), etag);
    }

    /** The PATCH body for the settings on the page (GRAPH-API §1.3). */
    private JsonObject body() {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("@odata.type", TYPE)
                .add("state", enabled ? "enabled" : "disabled")
                .add("isSelfServiceRegistrationAllowed", selfService)
                .add("isAttestationEnforced", attestationEnforced)
                .add("keyRestrictions", Json.createObjectBuilder().add("isEnforced", restrictionsEnforced)
                        .add("enforcementType", enforcementType).add("isAuditOnly", auditOnly)
                        .add("aaGuids", Json.createArrayBuilder(aaguids())));
        JsonArrayBuilder include = Json.createArrayBuilder();
        if (allUsers) {
            include.add(includeTarget(loadedIncludeTargets, ALL_USERS));
        }
        included.forEach(g -> include.add(includeTarget(loadedIncludeTargets, g.id())));
        JsonArrayBuilder exclude = Json.createArrayBuilder();
        excluded.forEach(g -> exclude.add(Json.createObjectBuilder().add("targetType", "group").add("id", g.id())));
        return body.add("includeTargets", include).add("excludeTargets", exclude).build();
    }

    /** An include target: as loaded when it was there before (keeping what this page does not edit), else a new one. */
    static JsonObject includeTarget(Map<String, String> loadedIncludeTargets, String id) {
        String loaded = loadedIncludeTargets.get(id);
        if (loaded != null) {
            try (var reader = Json.createReader(new java.io.StringReader(loaded))) {
                return reader.readObject();
            }
        }
        return Json.createObjectBuilder().add("targetType", "group").add("id", id).add("isRegistrationRequired", false).build();
    }

    public void changed() {
        reviewed = false;
        lockout = null;
    }

    private Optional<String> invalidAaguid() {
        return aaguids().stream().filter(a -> !AAGUID.matcher(a).matches()).findFirst();
    }

    private List<String> aaguids() {
        Set<String> list = new LinkedHashSet<>();
        Arrays.stream((aaguidList == null ? "" : aaguidList).split("[\\s,;]+")).map(String::trim).filter(a -> !a.isEmpty())
                .map(a -> a.toLowerCase(Locale.ROOT)).forEach(list::add);
        return List.copyOf(list);
    }

    /** The AAGUIDs on the list with their models' names (from Keyward's metadata; "Unknown model" otherwise). */
    public List<ListedModel> getListedModels() {
        return aaguids().stream().filter(a -> AAGUID.matcher(a).matches())
                .map(a -> new ListedModel(a, modelNames.computeIfAbsent(a, this::modelName))).toList();
    }

    private String modelName(String aaguid) {
        return ModelNames.of(graph, aaguid);
    }

    public String getLoadError() { return loadError; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isSelfService() { return selfService; }
    public void setSelfService(boolean selfService) { this.selfService = selfService; }
    public boolean isAttestationEnforced() { return attestationEnforced; }
    public void setAttestationEnforced(boolean attestationEnforced) { this.attestationEnforced = attestationEnforced; }
    public boolean isRestrictionsEnforced() { return restrictionsEnforced; }
    public void setRestrictionsEnforced(boolean restrictionsEnforced) { this.restrictionsEnforced = restrictionsEnforced; }
    public boolean isAuditOnly() { return auditOnly; }
    public void setAuditOnly(boolean auditOnly) { this.auditOnly = auditOnly; }
    public String getEnforcementType() { return enforcementType; }
    public void setEnforcementType(String enforcementType) { if ("allow".equals(enforcementType) || "block".equals(enforcementType)) { this.enforcementType = enforcementType; } }
    public String getAaguidList() { return aaguidList; }
    public void setAaguidList(String aaguidList) { this.aaguidList = aaguidList; }
    public boolean isAllUsers() { return allUsers; }
    public void setAllUsers(boolean allUsers) { this.allUsers = allUsers; }
    public List<GroupRow> getIncluded() { return included; }
    public List<GroupRow> getExcluded() { return excluded; }
    public String getGroupQuery() { return groupQuery; }
    public void setGroupQuery(String groupQuery) { this.groupQuery = groupQuery; }
    public List<GroupRow> getGroupResults() { return groupResults; }
    public LockoutPreview getLockout() { return lockout; }
    public boolean isReviewed() { return reviewed; }
}
