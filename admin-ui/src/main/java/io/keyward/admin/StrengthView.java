package io.keyward.admin;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * One custom authentication strength, new or existing: name, description, the allowed combinations Keyward's
 * sign-ins can meet, and the passkey models (AAGUIDs, shown with their names) its fido2 combination is restricted to
 * ({@code fido2CombinationConfiguration.allowedAAGUIDs}). Graph changes these in separate calls (the strength,
 * {@code updateAllowedCombinations}, the combination configuration): Save makes them in the order Graph accepts.
 * A built-in strength is shown read-only.
 */
@Named
@ViewScoped
public class StrengthView implements Serializable {

    static final String FIDO2 = "fido2";
    static final String CONFIGURATION_TYPE = "#microsoft.graph.fido2CombinationConfiguration";
    /** The combinations a Keyward sign-in can meet, in the order the page offers them. */
    static final List<String> OFFERED = List.of(FIDO2, "password", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse");

    @Inject
    transient Graph graph;

    private String id;
    private boolean loaded;
    private boolean builtIn;
    private String displayName = "";
    private String description = "";
    private final Map<String, Boolean> combinations = new LinkedHashMap<>();
    /** Combinations set through Graph that the page does not offer: kept as they are. */
    private List<String> otherCombinations = new ArrayList<>();
    private List<String> savedCombinations = List.of();
    private String aaguidList = "";
    private List<String> savedAaguids = List.of();
    private String configurationId;
    private String error;
    private final Map<String, String> modelNames = new ConcurrentHashMap<>();

    /** Loads the strength named by the {@code id} view parameter; without one the page creates a strength. */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        OFFERED.forEach(c -> combinations.put(c, false));
        if (id == null || id.isBlank()) {
            combinations.put(FIDO2, true);
            return;
        }
        try {
            JsonObject s = graph.get(StrengthsView.STRENGTHS + "/" + Graph.encode(id));
            builtIn = "builtIn".equals(s.getString("policyType", ""));
            displayName = s.getString("displayName", "");
            description = s.get("description") instanceof JsonString d ? d.getString() : "";
            savedCombinations = s.getJsonArray("allowedCombinations").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            for (String c : savedCombinations) {
                if (OFFERED.contains(c)) {
                    combinations.put(c, true);
                } else {
                    otherCombinations.add(c);
                }
            }
            for (JsonValue c : s.getJsonArray("combinationConfigurations")) {
                configurationId = c.asJsonObject().getString("id");
                savedAaguids = c.asJsonObject().getJsonArray("allowedAAGUIDs").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            }
            aaguidList = String.join("\n", savedAaguids);
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
        }
    }

    public String save() {
        List<String> aaguids = ModelNames.entries(aaguidList);
        if (ModelNames.invalid(aaguids).isPresent()) {
            Messages.refused(ModelNames.notAnAaguid(ModelNames.invalid(aaguids).get()));
            return null;
        }
        List<String> allowed = allowedCombinations();
        if (!aaguids.isEmpty() && !allowed.contains(FIDO2)) {
            Messages.refused("Passkey models can be chosen only when the strength allows passkeys: tick Passkey (FIDO2), or empty the list of models.");
            return null;
        }
        boolean creating = id == null || id.isBlank();
        try {
            if (creating) {
                JsonObject created = graph.send("POST", StrengthsView.STRENGTHS, Json.createObjectBuilder().add("displayName", displayName.trim())
                        .add("description", description.trim()).add("allowedCombinations", Json.createArrayBuilder(allowed)).build(), null).object();
                id = created.getString("id");
                if (!aaguids.isEmpty()) {
                    graph.send("POST", configurations(), configuration(aaguids), null);
                }
            } else {
                graph.send("PATCH", StrengthsView.STRENGTHS + "/" + Graph.encode(id), Json.createObjectBuilder()
                        .add("displayName", displayName.trim()).add("description", description.trim()).build(), null);
                // Graph refuses dropping fido2 while models are restricted: the restriction goes first, then the combinations.
                if (configurationId != null && aaguids.isEmpty()) {
                    graph.send("DELETE", configurations() + "/" + Graph.encode(configurationId), null, null);
                }
                if (!allowed.equals(savedCombinations)) {
                    graph.send("POST", StrengthsView.STRENGTHS + "/" + Graph.encode(id) + "/updateAllowedCombinations",
                            Json.createObjectBuilder().add("allowedCombinations", Json.createArrayBuilder(allowed)).build(), null);
                }
                if (!aaguids.isEmpty() && configurationId != null && !aaguids.equals(savedAaguids)) {
                    graph.send("PATCH", configurations() + "/" + Graph.encode(configurationId), configuration(aaguids), null);
                } else if (!aaguids.isEmpty() && configurationId == null) {
                    graph.send("POST", configurations(), configuration(aaguids), null);
                }
            }
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            if (creating && id != null) {
                // The strength exists; only its models were refused: continue on its own page.
                return Messages.redirect("/strength.xhtml?faces-redirect=true&id=" + Graph.encode(id));
            }
            return null;
        }
        Messages.done((creating ? "Created" : "Saved") + " the authentication strength '" + displayName.trim() + "'.");
        return Messages.redirect("/strength.xhtml?faces-redirect=true&id=" + Graph.encode(id));
    }

    private String configurations() {
        return StrengthsView.STRENGTHS + "/" + Graph.encode(id) + "/combinationConfigurations";
    }

    private static JsonObject configuration(List<String> aaguids) {
        return Json.createObjectBuilder().add("@odata.type", CONFIGURATION_TYPE).add("allowedAAGUIDs", Json.createArrayBuilder(aaguids))
                .add("appliesToCombinations", Json.createArrayBuilder(List.of(FIDO2))).build();
    }

    /** The ticked combinations in Graph's order, then the ones set elsewhere, kept. */
    private List<String> allowedCombinations() {
        List<String> allowed = new ArrayList<>();
        savedCombinations.stream().filter(c -> Boolean.TRUE.equals(combinations.get(c)) || otherCombinations.contains(c)).forEach(allowed::add);
        OFFERED.stream().filter(c -> Boolean.TRUE.equals(combinations.get(c)) && !allowed.contains(c)).forEach(allowed::add);
        return allowed;
    }

    /** The AAGUIDs typed so far, each with its model's name. */
    public List<StrengthsView.Model> getListedModels() {
        return ModelNames.entries(aaguidList).stream().filter(a -> ModelNames.AAGUID.matcher(a).matches())
                .map(a -> new StrengthsView.Model(a, modelNames.computeIfAbsent(a, x -> ModelNames.of(graph, x)))).toList();
    }

    /** Recomputes the model names for the typed list (a POST back to this view; nothing is saved). */
    public void showModels() {
        ModelNames.invalid(ModelNames.entries(aaguidList)).ifPresent(a -> Messages.refused(ModelNames.notAnAaguid(a)));
    }

    public List<String> getOffered() { return OFFERED; }
    public String label(String combination) { return StrengthsView.combinationLabel(combination); }
    public List<String> getOtherCombinations() { return otherCombinations.stream().map(StrengthsView::combinationLabel).toList(); }
    public Map<String, Boolean> getCombinations() { return combinations; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public boolean isNew() { return id == null || id.isBlank(); }
    public boolean isBuiltIn() { return builtIn; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName == null ? "" : displayName; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description == null ? "" : description; }
    public String getAaguidList() { return aaguidList; }
    public void setAaguidList(String aaguidList) { this.aaguidList = aaguidList == null ? "" : aaguidList; }
    public String getError() { return error; }
}
