package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Authentication strengths: the built-in ones (read-only) and the custom ones, each with its allowed combinations and
 * the passkey models its fido2 combination is restricted to; deleting a custom strength (Graph refuses one that a
 * conditional access policy uses, {@code authenticationStrengthInUse}, and the page says which policy).
 */
@Named
@ViewScoped
public class StrengthsView implements Serializable {

    static final String STRENGTHS = "/policies/authenticationStrengthPolicies";
    static final Map<String, String> MODES = Map.of("fido2", "Passkey (FIDO2)", "password", "Password",
            "temporaryAccessPassOneTime", "Temporary Access Pass (one-time)", "temporaryAccessPassMultiUse", "Temporary Access Pass (multi-use)",
            "windowsHelloForBusiness", "Windows Hello for Business", "sms", "Text message", "voice", "Voice call",
            "microsoftAuthenticatorPush", "Microsoft Authenticator");

    @Inject
    transient Graph graph;

    /** A passkey model: its AAGUID and name. */
    public record Model(String aaguid, String name) implements Serializable {
    }

    /** One strength as the list shows it. */
    public record Row(String id, String displayName, String description, boolean builtIn, List<String> combinations, List<Model> models)
            implements Serializable {
    }

    private List<Row> builtIn = List.of();
    private List<Row> custom = List.of();
    private String loadError;

    @PostConstruct
    void load() {
        try {
            List<Row> rows = new ArrayList<>();
            for (JsonObject s : graph.list(STRENGTHS)) {
                rows.add(row(graph, s));
            }
            builtIn = rows.stream().filter(Row::builtIn).toList();
            custom = rows.stream().filter(r -> !r.builtIn()).toList();
        } catch (GraphRefused refusal) {
            loadError = Messages.words(refusal);
        }
    }

    static Row row(Graph graph, JsonObject s) {
        List<Model> models = new ArrayList<>();
        for (JsonValue c : s.getJsonArray("combinationConfigurations")) {
            for (JsonString a : c.asJsonObject().getJsonArray("allowedAAGUIDs").getValuesAs(JsonString.class)) {
                models.add(new Model(a.getString(), ModelNames.of(graph, a.getString())));
            }
        }
        return new Row(s.getString("id"), s.getString("displayName", ""), s.get("description") instanceof JsonString d ? d.getString() : "",
                "builtIn".equals(s.getString("policyType", "")), s.getJsonArray("allowedCombinations").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).map(StrengthsView::combinationLabel).toList(), List.copyOf(models));
    }

    /** "password,sms" as "Password + Text message". */
    static String combinationLabel(String combination) {
        return java.util.Arrays.stream(combination.split(",")).map(String::trim).map(m -> MODES.getOrDefault(m, m))
                .collect(Collectors.joining(" + "));
    }

    public String delete(Row strength) {
        try {
            graph.send("DELETE", STRENGTHS + "/" + Graph.encode(strength.id()), null, null);
            Messages.done("Deleted the authentication strength '" + strength.displayName() + "'.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return Messages.redirect("/strengths.xhtml?faces-redirect=true");
    }

    public List<Row> getBuiltIn() { return builtIn; }
    public List<Row> getCustom() { return custom; }
    public String getLoadError() { return loadError; }
}
