package io.keyward.admin;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Saving the passkey policy page keeps what it does not edit on the include targets it loaded. */
class PasskeyPolicyViewTest {

    private static final String LOADED = "{\"targetType\":\"group\",\"id\":\"9f1c\",\"isRegistrationRequired\":true,"
            + "\"allowedPasskeyProfiles\":[\"a6c1\",\"00000000-0000-0000-0000-000000000001\"]}";

    @Test
    void aLoadedTargetKeepsItsPasskeyProfilesAndRegistrationRequirement() {
        JsonObject target = PasskeyPolicyView.includeTarget(Map.of("9f1c", LOADED), "9f1c");

        assertThat(target.getJsonArray("allowedPasskeyProfiles").getString(0)).isEqualTo("a6c1");
        assertThat(target.getJsonArray("allowedPasskeyProfiles")).hasSize(2);
        assertThat(target.getBoolean("isRegistrationRequired")).isTrue();
    }

    @Test
    void aGroupAddedOnThePageIsANewTargetWithoutProfiles() {
        JsonObject target = PasskeyPolicyView.includeTarget(Map.of("9f1c", LOADED), "77ab");

        assertThat(target.getString("id")).isEqualTo("77ab");
        assertThat(target.getString("targetType")).isEqualTo("group");
        assertThat(target.getBoolean("isRegistrationRequired")).isFalse();
        assertThat(target.containsKey("allowedPasskeyProfiles")).isFalse();
    }
}
