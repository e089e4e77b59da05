package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The inventory's allow list: pick the models that may keep signing in, preview who the allow list would lock out and
 * who keeps signing in (the lockout preview of the passkey policy page), then turn it on in one step: the passkey
 * policy's PATCH with If-Match, so that a change another administrator saved meanwhile is not overwritten.
 */
@Named
@ViewScoped
public class AllowListView implements Serializable {

    @Inject
    transient Graph graph;

    @Inject
    transient InventoryView inventory;

    private String etag;
    private String loadError;
    private boolean allowListOn;
    private final Map<String, Boolean> picked = new HashMap<>();
    private String otherModels = "";
    private LockoutPreview preview;
    private List<String> previewed;

    /** Reads the policy (with its ETag) and picks the models already allowed, or else every model with passkeys. */
    @PostConstruct
    void load() {
        try {
            Graph.Reply reply = graph.getWithEtag(ReviewedPolicyChange.POLICY);
            etag = reply.etag().orElse(null);
            JsonObject restrictions = reply.object().getJsonObject("keyRestrictions");
            allowListOn = restrictions.getBoolean("isEnforced", false) && "allow".equals(restrictions.getString("enforcementType", ""))
                    && !restrictions.getBoolean("isAuditOnly", false);
            Set<String> allowed = Set.copyOf(restrictions.getJsonArray("aaGuids").getValuesAs(JsonString.class).stream()
                    .map(a -> a.getString().toLowerCase(Locale.ROOT)).toList());
            for (InventoryView.Row row : inventory.getRows()) {
                picked.put(row.aaguid(), allowListOn ? allowed.contains(row.aaguid().toLowerCase(Locale.ROOT)) : row.passkeys() > 0);
            }
        } catch (GraphRefused refusal) {
            loadError = Messages.words(refusal);
        }
    }

    /** The models checked in the table and those typed in, without duplicates, in order. */
    private List<String> pickedModels() {
        java.util.TreeSet<String> models = new java.util.TreeSet<>(picked.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
                .map(Map.Entry::getKey).map(a -> a.toLowerCase(Locale.ROOT)).toList());
        models.addAll(typedModels());
        return List.copyOf(models);
    }

    private List<String> typedModels() {
        return java.util.Arrays.stream((otherModels == null ? "" : otherModels).split("[\\s,;]+")).map(String::trim).filter(a -> !a.isEmpty())
                .map(a -> a.toLowerCase(Locale.ROOT)).toList();
    }

    private JsonObject restrictions(List<String> models) {
        return Json.createObjectBuilder().add("isEnforced", true).add("enforcementType", "allow").add("isAuditOnly", false)
                .add("aaGuids", Json.createArrayBuilder(models)).build();
    }

    /** Computes the lockout preview of an allow list of the picked models; Turn on is offered once it was seen. */
    public void preview() {
        preview = null;
        previewed = null;
        java.util.Optional<String> invalid = ModelNames.invalid(typedModels());
        if (invalid.isPresent()) {
            Messages.refused(ModelNames.notAnAaguid(invalid.get()));
            return;
        }
        List<String> models = pickedModels();
        if (models.isEmpty()) {
            Messages.refused("Pick at least one model: an allow list without models lets no passkey sign in.");
            return;
        }
        try {
            preview = LockoutPreview.of(graph, Json.createObjectBuilder().add("keyRestrictions", restrictions(models)).build());
            previewed = models;
        } catch (GraphRefused refusal) {
            Messages.refused("The preview could not be computed. " + Messages.words(refusal));
        }
    }

    /** Turns the previewed allow list on: one PATCH with If-Match; a change of the picked models is previewed first. */
    public String apply() {
        List<String> models = pickedModels();
        if (preview == null || !models.equals(previewed)) {
            preview();
            if (preview != null) {
                Messages.refused("The models picked changed since the last preview. Check who the allow list would lock out below, then turn it on.");
            }
            return null;
        }
        try {
            ReviewedPolicyChange.patch(graph, Json.createObjectBuilder().add("keyRestrictions", restrictions(models)).build(), etag);
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        Messages.done("Turned on the allow list: only passkeys of the " + models.size() + (models.size() == 1 ? " model" : " models")
                + " picked can be added and sign in.");
        return Messages.redirect("/inventory.xhtml?faces-redirect=true");
    }

    public Map<String, Boolean> getPicked() { return picked; }
    public String getOtherModels() { return otherModels; }
    public void setOtherModels(String otherModels) { this.otherModels = otherModels; }
    public LockoutPreview getPreview() { return preview; }
    public String getLoadError() { return loadError; }
    public boolean isAllowListOn() { return allowListOn; }
    public int getPickedCount() { return previewed == null ? 0 : previewed.size(); }
}
