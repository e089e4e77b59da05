package io.keyward.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Saving the passkey policy page sends the profiles ticked for each include target and keeps what it does not edit. */
class PasskeyPolicyViewTest {

    private static final String LOADED = "{\"targetType\":\"group\",\"id\":\"9f1c\",\"isRegistrationRequired\":true,"
            + "\"allowedPasskeyProfiles\":[\"a6c1\",\"00000000-0000-0000-0000-000000000001\"]}";

    private static List<String> profiles(JsonObject target) {
        return target.getJsonArray("allowedPasskeyProfiles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void aLoadedTargetKeepsItsRegistrationRequirementAndAllowsTheProfilesTicked() {
        JsonObject target = PasskeyPolicyView.includeTarget(Map.of("9f1c", LOADED), "9f1c", List.of("a6c1"));

        assertThat(profiles(target)).containsExactly("a6c1");
        assertThat(target.getBoolean("isRegistrationRequired")).isTrue();
        assertThat(target.getString("targetType")).isEqualTo("group");
    }

    @Test
    void aTargetWithNoProfileTickedAllowsNoneWhichMeansTheDefaultProfile() {
        assertThat(profiles(PasskeyPolicyView.includeTarget(Map.of("9f1c", LOADED), "9f1c", List.of()))).isEmpty();
    }

    @Test
    void aGroupAddedOnThePageIsANewTargetWithTheProfilesTicked() {
        JsonObject target = PasskeyPolicyView.includeTarget(Map.of("9f1c", LOADED), "77ab", List.of("b7d2"));

        assertThat(target.getString("id")).isEqualTo("77ab");
        assertThat(target.getString("targetType")).isEqualTo("group");
        assertThat(target.getBoolean("isRegistrationRequired")).isFalse();
        assertThat(profiles(target)).containsExactly("b7d2");
    }
}
