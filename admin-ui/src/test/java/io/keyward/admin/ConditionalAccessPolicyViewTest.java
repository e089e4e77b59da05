package io.keyward.admin;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conditional access policy page's body: what the admin chose, as Graph's conditionalAccessPolicy. */
class ConditionalAccessPolicyViewTest {

    static final String READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";

    @Test
    void aNewPolicyIsReportOnlyAndSendsTheChosenUsersAppsAndStrength() {
        ConditionalAccessPolicyView view = new ConditionalAccessPolicyView();
        view.getApps().put("app-1", "include");
        view.getApps().put("app-2", "none");
        view.getApps().put("app-3", "exclude");
        view.getRoles().put(READER, "exclude");
        view.setAllUsers(true);
        view.setGuests("exclude");
        view.setDisplayName(" Payroll needs approved keys ");
        view.setStrengthId("s-1");

        JsonObject body = view.body();

        assertThat(view.getState()).isEqualTo("enabledForReportingButNotEnforced");
        assertThat(body.getString("state")).isEqualTo("enabledForReportingButNotEnforced");
        assertThat(body.getString("displayName")).isEqualTo("Payroll needs approved keys");
        JsonObject users = body.getJsonObject("conditions").getJsonObject("users");
        assertThat(users.getJsonArray("includeUsers").toString()).isEqualTo("[\"All\"]");
        assertThat(users.getJsonArray("excludeUsers").toString()).isEqualTo("[\"GuestsOrExternalUsers\"]");
        assertThat(users.getJsonArray("excludeRoles").toString()).isEqualTo("[\"" + READER + "\"]");
        assertThat(users.getJsonArray("includeRoles")).isEmpty();
        JsonObject apps = body.getJsonObject("conditions").getJsonObject("applications");
        assertThat(apps.getJsonArray("includeApplications").toString()).isEqualTo("[\"app-1\"]");
        assertThat(apps.getJsonArray("excludeApplications").toString()).isEqualTo("[\"app-3\"]");
        JsonObject grant = body.getJsonObject("grantControls");
        assertThat(grant.getJsonObject("authenticationStrength").getString("id")).isEqualTo("s-1");
        assertThat(grant.getJsonArray("builtInControls")).isEmpty();
    }

    @Test
    void blockSendsTheBlockControlAndNoStrength() {
        ConditionalAccessPolicyView view = new ConditionalAccessPolicyView();
        view.setGrant("block");
        view.setStrengthId("s-1");
        view.setGuests("include");
        view.setState("enabled");
        view.setState("sometimes");

        JsonObject body = view.body();

        assertThat(body.getString("state")).as("an unknown state is not taken").isEqualTo("enabled");
        assertThat(body.getJsonObject("grantControls").getJsonArray("builtInControls").toString()).isEqualTo("[\"block\"]");
        assertThat(body.getJsonObject("grantControls").containsKey("authenticationStrength")).isFalse();
        assertThat(body.getJsonObject("conditions").getJsonObject("users").getJsonArray("includeUsers").toString())
                .isEqualTo("[\"GuestsOrExternalUsers\"]");
    }

    @Test
    void anAppAddedByItsIdIsIncluded() {
        ConditionalAccessPolicyView view = new ConditionalAccessPolicyView();
        view.setAppIdToAdd(" 9F1C7A4E-3B2D-4C8E-9A0F-5D6E7F8A9B0C ");
        view.setStrengthId("s-1");

        view.addApp();

        assertThat(view.getAppRows()).extracting(ConditionalAccessPolicyView.AppRow::appId).containsExactly("9f1c7a4e-3b2d-4c8e-9a0f-5d6e7f8a9b0c");
        assertThat(view.body().getJsonObject("conditions").getJsonObject("applications").getJsonArray("includeApplications").toString())
                .isEqualTo("[\"9f1c7a4e-3b2d-4c8e-9a0f-5d6e7f8a9b0c\"]");
        assertThat(view.getAppIdToAdd()).isEmpty();
    }
}
