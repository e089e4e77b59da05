package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authentication methods → Passkey profiles: every profile of the passkey policy with its passkey types, attestation and
 * key restrictions (models by name) and the include targets that allow it; deleting one that no target allows. The
 * default profile cannot be deleted ({@code invalidRequest}), nor a profile a target still allows
 * ({@code passkeyProfileInUse}): Graph refuses both, and the page says why before anyone tries. Deleting is the policy's
 * PATCH of {@code passkeyProfiles} with If-Match.
 */
@Named
@ViewScoped
public class PasskeyProfilesView implements Serializable {

    @Inject
    transient Graph graph;

    /** A profile as the list shows it: the targets that allow it, and why it cannot be deleted, if it cannot. */
    public record Listed(PasskeyProfileRow profile, String restrictions, List<KeyRestrictionsForm.ListedModel> models, List<String> allowedBy,
                         String deleteRefusal) implements Serializable {

        public boolean deletable() {
            return deleteRefusal.isEmpty();
        }
    }

    private String etag;
    private List<PasskeyProfileRow> profiles = List.of();
    private List<Listed> listed = List.of();
    private String loadError;

    @PostConstruct
    void load() {
        try {
            Graph.Reply reply = graph.getWithEtag(ReviewedPolicyChange.POLICY);
            etag = reply.etag().orElse(null);
            JsonObject policy = reply.object();
            profiles = PasskeyProfileRow.of(policy);
            Map<String, List<String>> allowedBy = allowedBy(policy, PasskeyPolicyView.groupsById(graph, policy));
            List<Listed> rows = new ArrayList<>();
            for (PasskeyProfileRow p : profiles) {
                KeyRestrictionsForm restrictions = KeyRestrictionsForm.of(p.keyRestrictions());
                List<String> targets = allowedBy.getOrDefault(p.id(), List.of());
                rows.add(new Listed(p, restrictionsInWords(restrictions), restrictions.isEnforced() ? restrictions.listedModels(graph) : List.of(),
                        targets, deleteRefusal(p, targets).orElse("")));
            }
            listed = List.copyOf(rows);
        } catch (GraphRefused refusal) {
            loadError = Messages.words(refusal);
        }
    }

    /**
     * The names of the include targets that allow each profile (by profile id); a target that allows none is the
     * default profile's.
     */
    static Map<String, List<String>> allowedBy(JsonObject policy, Map<String, PasskeyPolicyView.GroupRow> groups) {
        String defaultId = policy.getString("defaultPasskeyProfile", PasskeyProfileRow.DEFAULT_PROFILE);
        Map<String, List<String>> allowedBy = new LinkedHashMap<>();
        for (JsonValue t : policy.getJsonArray("includeTargets")) {
            JsonObject target = t.asJsonObject();
            String id = target.getString("id");
            String name = PasskeyPolicyView.ALL_USERS.equals(id) ? "All users"
                    : groups.containsKey(id) ? groups.get(id).displayName() : id;
            List<String> allowed = target.get("allowedPasskeyProfiles") instanceof jakarta.json.JsonArray a
                    ? a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of();
            for (String profile : allowed.isEmpty() ? List.of(defaultId) : allowed) {
                allowedBy.computeIfAbsent(profile, p -> new ArrayList<>()).add(name);
            }
        }
        return allowedBy;
    }

    /** Why a profile cannot be deleted, in words; empty when it can. */
    static Optional<String> deleteRefusal(PasskeyProfileRow profile, List<String> allowedBy) {
        if (profile.isDefault()) {
            return Optional.of("The default profile cannot be deleted: it applies to every include target that allows no other profile.");
        }
        if (!allowedBy.isEmpty()) {
            return Optional.of("It cannot be deleted while an include target allows it (" + String.join(", ", allowedBy)
                    + "). Untick it for " + (allowedBy.size() == 1 ? "that target" : "those targets") + " on the Passkey (FIDO2) page first.");
        }
        return Optional.empty();
    }

    /** The PATCH properties that delete {@code id}: every other profile as loaded. */
    static JsonObject without(List<PasskeyProfileRow> profiles, String id) {
        JsonArrayBuilder kept = Json.createArrayBuilder();
        profiles.stream().filter(p -> !p.id().equals(id)).forEach(p -> kept.add(p.json()));
        return Json.createObjectBuilder().add("passkeyProfiles", kept).build();
    }

    static String restrictionsInWords(KeyRestrictionsForm restrictions) {
        if (!restrictions.isEnforced()) {
            return "None: passkeys of any model";
        }
        String list = "allow".equals(restrictions.getEnforcementType()) ? "Only the models listed" : "Every model except those listed";
        return restrictions.isAuditOnly() ? list + " (audit only: logged, nobody refused)" : list;
    }

    /** Deletes a profile. Delete is disabled where the page knows Graph refuses; a delete sent anyway is Graph's to refuse. */
    public String delete(Listed row) {
        try {
            ReviewedPolicyChange.patch(graph, without(profiles, row.profile().id()), etag);
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        Messages.done("Deleted the passkey profile '" + row.profile().name() + "'.");
        return Messages.redirect("/passkey-profiles.xhtml?faces-redirect=true");
    }

    public List<Listed> getListed() { return listed; }
    public String getLoadError() { return loadError; }
}
