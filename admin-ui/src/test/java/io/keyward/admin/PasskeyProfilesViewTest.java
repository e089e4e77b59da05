package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profiles page refuses, in words, to delete the default profile and a profile an include target still allows
 * (Graph refuses both too: PasskeyReportsIT), and deletes another by sending every other profile back as loaded.
 */
class PasskeyProfilesViewTest {

    static final String KEYS = "6f1a3e52-0c1d-4f7e-9a55-1d2b3c4d5e6f";
    static final String SPARE = "7a2b4c6d-8e9f-4a1b-9c2d-3e4f5a6b7c8d";
    static final String PILOT = "9f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
    static final JsonObject POLICY = read("{\"defaultPasskeyProfile\":\"" + PasskeyProfileRow.DEFAULT_PROFILE + "\","
            + "\"includeTargets\":[{\"id\":\"all_users\",\"targetType\":\"group\",\"allowedPasskeyProfiles\":[]},"
            + "{\"id\":\"" + PILOT + "\",\"targetType\":\"group\",\"allowedPasskeyProfiles\":[\"" + KEYS + "\"]}],"
            + "\"passkeyProfiles\":[{\"id\":\"" + PasskeyProfileRow.DEFAULT_PROFILE + "\",\"name\":\"Default passkey profile\","
            + "\"passkeyTypes\":\"deviceBound,synced\",\"attestationEnforcement\":\"disabled\"},"
            + "{\"id\":\"" + KEYS + "\",\"name\":\"Security keys only\",\"passkeyTypes\":\"deviceBound\",\"attestationEnforcement\":\"registrationOnly\","
            + "\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"allow\",\"aaGuids\":[\"01020304-0506-0708-0102-030405060708\"],\"isAuditOnly\":false}},"
            + "{\"id\":\"" + SPARE + "\",\"name\":\"Spare\",\"passkeyTypes\":\"synced\",\"attestationEnforcement\":\"disabled\"}]}");
    static final Map<String, PasskeyPolicyView.GroupRow> GROUPS = Map.of(PILOT, new PasskeyPolicyView.GroupRow(PILOT, "Pilot", true));

    static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static PasskeyProfileRow profile(String id) {
        return PasskeyProfileRow.of(POLICY).stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void eachProfileIsAllowedByTheTargetsNamingItAndATargetNamingNoneAllowsTheDefault() {
        Map<String, List<String>> allowedBy = PasskeyProfilesView.allowedBy(POLICY, GROUPS);

        assertThat(allowedBy.get(PasskeyProfileRow.DEFAULT_PROFILE)).containsExactly("All users");
        assertThat(allowedBy.get(KEYS)).containsExactly("Pilot");
        assertThat(allowedBy).doesNotContainKey(SPARE);
        assertThat(profile(KEYS).passkeyTypesInWords()).startsWith("Device-bound only");
        assertThat(profile(KEYS).attestationEnforced()).isTrue();
    }

    @Test
    void theDefaultProfileCannotBeDeletedAndThePageSaysWhy() {
        assertThat(PasskeyProfilesView.deleteRefusal(profile(PasskeyProfileRow.DEFAULT_PROFILE), List.of("All users")))
                .hasValueSatisfying(why -> assertThat(why).startsWith("The default profile cannot be deleted"));
    }

    @Test
    void aProfileAnIncludeTargetAllowsCannotBeDeletedAndThePageNamesTheTarget() {
        assertThat(PasskeyProfilesView.deleteRefusal(profile(KEYS), PasskeyProfilesView.allowedBy(POLICY, GROUPS).get(KEYS)))
                .hasValueSatisfying(why -> assertThat(why).contains("while an include target allows it (Pilot)").contains("Untick it"));
    }

    @Test
    void aProfileNoTargetAllowsIsDeletedBySendingTheOtherProfilesAsLoaded() {
        assertThat(PasskeyProfilesView.deleteRefusal(profile(SPARE), List.of())).isEmpty();

        JsonObject patch = PasskeyProfilesView.without(PasskeyProfileRow.of(POLICY), SPARE);

        List<JsonObject> kept = patch.getJsonArray("passkeyProfiles").stream().map(JsonValue::asJsonObject).toList();
        assertThat(kept).extracting(p -> p.getString("id")).containsExactly(PasskeyProfileRow.DEFAULT_PROFILE, KEYS);
        assertThat(kept.get(1)).isEqualTo(POLICY.getJsonArray("passkeyProfiles").get(1));
    }
}
