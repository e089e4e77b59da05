package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A passkey profile ({@code passkeyProfile}, GRAPH-API §1.3) as the policy has it: which passkey types and models a user
 * it applies to may have, and whether attestation is enforced when a passkey is added. Kept with its JSON as loaded, so
 * that saving another profile sends this one back unchanged.
 */
public record PasskeyProfileRow(String id, String name, boolean deviceBound, boolean synced, boolean attestationEnforced,
                                boolean isDefault, String loaded) implements Serializable {

    static final String DEFAULT_PROFILE = "00000000-0000-0000-0000-000000000001";

    /** Every profile of a policy (Graph's fido2 configuration), the default first as Graph lists it. */
    static List<PasskeyProfileRow> of(JsonObject policy) {
        String defaultId = policy.getString("defaultPasskeyProfile", DEFAULT_PROFILE);
        List<PasskeyProfileRow> rows = new ArrayList<>();
        if (policy.get("passkeyProfiles") instanceof jakarta.json.JsonArray profiles) {
            for (JsonValue p : profiles) {
                JsonObject profile = p.asJsonObject();
                List<String> types = List.of(profile.getString("passkeyTypes", "deviceBound,synced").split(","));
                rows.add(new PasskeyProfileRow(profile.getString("id"), profile.getString("name", profile.getString("id")),
                        types.stream().anyMatch(t -> t.trim().equals("deviceBound")), types.stream().anyMatch(t -> t.trim().equals("synced")),
                        "registrationOnly".equals(profile.getString("attestationEnforcement", "disabled")),
                        profile.getString("id").equals(defaultId), profile.toString()));
            }
        }
        return List.copyOf(rows);
    }

    /** The profile as loaded. */
    JsonObject json() {
        try (var reader = Json.createReader(new StringReader(loaded))) {
            return reader.readObject();
        }
    }

    /** The loaded key restrictions ({@code null} when the profile has none). */
    JsonObject keyRestrictions() {
        JsonObject profile = json();
        return profile.get("keyRestrictions") instanceof JsonObject restrictions ? restrictions : null;
    }

    /** "Device-bound and synced", "Device-bound only", "Synced only". */
    public String passkeyTypesInWords() {
        return deviceBound && synced ? "Device-bound and synced" : deviceBound ? "Device-bound only (security keys, passkeys that stay on one device)"
                : "Synced only (passkeys saved in a password manager or cloud account)";
    }

    public String attestationInWords() {
        return attestationEnforced ? "Enforced when a passkey is added" : "Not enforced";
    }
}
