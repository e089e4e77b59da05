package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser scenario in the admin center: people with a passkey and a directory role, signed in through the real
 * OpenID Connect login, and screenshots checked for contrast and width.
 */
abstract class AdminCenterScenario extends BrowserScenario {

    static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
    static final String GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    static final String CONDITIONAL_ACCESS_ADMINISTRATOR = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";

    /** A user with a passkey on its own virtual key (left on the tab) and, if given, a directory role. */
    KeywardAdmin.User withPasskeyAndRole(String label, String roleTemplateId) throws Exception {
        KeywardAdmin.User user = admin.newMember(label);
        if (roleTemplateId != null) {
            admin.send("POST", "/roleManagement/directory/roleAssignments",
                    Map.of("principalId", user.id(), "roleDefinitionId", roleTemplateId, "directoryScopeId", "/"));
        }
        registerPasskey(user, browser.addSecurityKey());
        return user;
    }

    AdminCenterPage signIn(KeywardAdmin.User user) {
        return AdminCenterPage.signInWithPasskey(browser.driver(), baseUrl, user.userPrincipalName());
    }

    JsonNode policy() throws Exception {
        return admin.send("GET", KeywardAdmin.FIDO2_POLICY, null).body();
    }

    /** A screenshot at the width the browser has now, checked for contrast and for these elements fitting the width. */
    void look(PageChecks.Width width, String name, String... onScreenIds) {
        PageChecks.screenshot(browser.driver(), width, name);
        assertThat(PageChecks.contrastFailures(browser.driver())).as("%s at %s: text below WCAG AA contrast", name, width).isEmpty();
        PageChecks.assertFitsTheWidth(browser.driver(), onScreenIds);
    }
}
