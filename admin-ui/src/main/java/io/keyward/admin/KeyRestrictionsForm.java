package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Key restrictions as a form ({@code fido2KeyRestrictions}: enforce, allow or block, the AAGUIDs one a line, audit only),
 * for the passkey policy page (the default profile's restrictions) and a passkey profile's page. The listed AAGUIDs are
 * shown with their models' names ({@link ModelNames}). As in Entra, one switch puts Microsoft Authenticator's two
 * device-bound passkey AAGUIDs (iOS, Android) on the list or takes them off; the text holds the other models.
 */
public final class KeyRestrictionsForm implements Serializable {

    /** An AAGUID on the list with its model's name from metadata. */
    public record ListedModel(String aaguid, String model) implements Serializable {
    }

    /** Microsoft Authenticator's passkey AAGUIDs: iOS, Android (GRAPH-API.md §1.3). */
    static final List<String> MICROSOFT_AUTHENTICATOR = List.of("90a3ccdf-635c-4729-a248-9b709135078f", "de1e552d-db1d-4423-a619-566b625cdc84");

    private boolean enforced;
    private boolean microsoftAuthenticator;
    private String enforcementType = "block";
    private String aaguidList = "";
    private boolean auditOnly;
    private final Map<String, String> modelNames = new ConcurrentHashMap<>();

    /** The form for restrictions as Graph has them; none (a new profile): off, an empty allow list. */
    static KeyRestrictionsForm of(JsonObject restrictions) {
        KeyRestrictionsForm form = new KeyRestrictionsForm();
        if (restrictions == null) {
            form.enforcementType = "allow";
            return form;
        }
        form.enforced = restrictions.getBoolean("isEnforced", false);
        form.auditOnly = restrictions.getBoolean("isAuditOnly", false);
        form.enforcementType = restrictions.getString("enforcementType", "block");
        List<String> listed = restrictions.getJsonArray("aaGuids").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        form.microsoftAuthenticator = MICROSOFT_AUTHENTICATOR.stream().allMatch(a -> listed.stream().anyMatch(a::equalsIgnoreCase));
        form.aaguidList = String.join("\n", form.microsoftAuthenticator ? listed.stream().filter(a -> !isMicrosoftAuthenticator(a)).toList() : listed);
        return form;
    }

    /** The first entry that is not an AAGUID, in words, if any: nothing is previewed or saved then. */
    Optional<String> refusal() {
        return ModelNames.invalid(aaguids()).map(ModelNames::notAnAaguid);
    }

    /** The restrictions as Graph takes them. */
    JsonObject json() {
        return Json.createObjectBuilder().add("isEnforced", enforced).add("enforcementType", enforcementType).add("isAuditOnly", auditOnly)
                .add("aaGuids", Json.createArrayBuilder(aaguids())).build();
    }

    /** The models on the list: the text's, then Microsoft Authenticator's when its switch is on (each once). */
    List<String> aaguids() {
        List<String> typed = ModelNames.entries(aaguidList);
        if (!microsoftAuthenticator) {
            return typed;
        }
        return Stream.concat(typed.stream(), MICROSOFT_AUTHENTICATOR.stream().filter(a -> typed.stream().noneMatch(a::equalsIgnoreCase))).toList();
    }

    private static boolean isMicrosoftAuthenticator(String aaguid) {
        return MICROSOFT_AUTHENTICATOR.contains(aaguid.toLowerCase(Locale.ROOT));
    }

    /** The AAGUIDs on the list with their models' names ("Unknown model" when the metadata does not know one). */
    List<ListedModel> listedModels(Graph graph) {
        return aaguids().stream().filter(a -> ModelNames.AAGUID.matcher(a).matches())
                .map(a -> new ListedModel(a, modelNames.computeIfAbsent(a, model -> ModelNames.of(graph, model)))).toList();
    }

    public boolean isEnforced() { return enforced; }
    public void setEnforced(boolean enforced) { this.enforced = enforced; }
    public boolean isMicrosoftAuthenticator() { return microsoftAuthenticator; }
    public void setMicrosoftAuthenticator(boolean microsoftAuthenticator) { this.microsoftAuthenticator = microsoftAuthenticator; }
    public boolean isAuditOnly() { return auditOnly; }
    public void setAuditOnly(boolean auditOnly) { this.auditOnly = auditOnly; }
    public String getEnforcementType() { return enforcementType; }
    public void setEnforcementType(String enforcementType) { if ("allow".equals(enforcementType) || "block".equals(enforcementType)) { this.enforcementType = enforcementType; } }
    public String getAaguidList() { return aaguidList; }
    public void setAaguidList(String aaguidList) { this.aaguidList = aaguidList; }
}
