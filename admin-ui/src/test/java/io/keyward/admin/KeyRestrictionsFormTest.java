package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The key restrictions form's Microsoft Authenticator switch: both AAGUIDs on the list, or neither of them. */
class KeyRestrictionsFormTest {

    static final String IOS = "90a3ccdf-635c-4729-a248-9b709135078f";
    static final String ANDROID = "de1e552d-db1d-4423-a619-566b625cdc84";
    static final String YUBIKEY = "ee882879-721c-4913-9775-3dfcce97072a";

    static JsonObject restrictions(String... aaguids) {
        return Json.createObjectBuilder().add("isEnforced", true).add("enforcementType", "allow")
                .add("aaGuids", Json.createArrayBuilder(List.of(aaguids))).build();
    }

    static List<String> saved(KeyRestrictionsForm form) {
        return form.json().getJsonArray("aaGuids").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void aListWithBothAuthenticatorModelsShowsTheSwitchOnAndTheOtherModelsAsText() {
        KeyRestrictionsForm form = KeyRestrictionsForm.of(restrictions(YUBIKEY, IOS.toUpperCase(), ANDROID));
        assertThat(form.isMicrosoftAuthenticator()).isTrue();
        assertThat(form.getAaguidList()).isEqualTo(YUBIKEY);
        assertThat(saved(form)).containsExactly(YUBIKEY, IOS, ANDROID);
    }

    @Test
    void turningTheSwitchOnAddsBothModelsOnce() {
        KeyRestrictionsForm form = KeyRestrictionsForm.of(restrictions(YUBIKEY, ANDROID));
        assertThat(form.isMicrosoftAuthenticator()).as("only one of the two is listed").isFalse();
        form.setMicrosoftAuthenticator(true);
        assertThat(saved(form)).containsExactly(YUBIKEY, ANDROID, IOS);
    }

    @Test
    void turningTheSwitchOffTakesBothModelsOff() {
        KeyRestrictionsForm form = KeyRestrictionsForm.of(restrictions(IOS, YUBIKEY, ANDROID));
        form.setMicrosoftAuthenticator(false);
        assertThat(saved(form)).containsExactly(YUBIKEY);
    }
}
