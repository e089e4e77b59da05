package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passkey (FIDO2) method configuration through the Graph API, on PostgreSQL. Every test leaves the policy at
 * its default (passkeys enabled for all users), which the other ITs rely on.
 */
class PasskeyPolicyIT extends GraphIT {

    static final String FIDO2 = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    static final String TYPE = "\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\"";
    static final String AUTHENTICATOR_IOS = "90a3ccdf-635c-4729-a248-9b709135078f";
    static final String AUTHENTICATOR_ANDROID = "de1e552d-db1d-4423-a619-566b625cdc84";

    @BeforeEach
    void arrange() {
        reset();
    }

    @AfterEach
    void reset() {
        assertThat(graph.delete(FIDO2, admin).status()).isEqualTo(204);
    }

    @Test
    void everyPathFormReadsTheSameConfiguration() {
        Graph.Reply canonical = graph.get(FIDO2, admin);
        assertThat(canonical.status()).as(canonical.toString()).isEqualTo(200);
        List<String> forms = new ArrayList<>();
        for (String root : List.of("graph/v1.0/", "graph/beta/")) {
            for (String path : List.of(
                    "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
                    "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Fido2",
                    "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/FIDO2",
                    "policies/authenticationMethodsPolicy/authenticationMethodConfigurations('Fido2')",
                    "policies/authenticationMethodsPolicy/authenticationMethodConfigurations(%27fido2%27)",
                    "authenticationMethodsPolicy/authenticationMethodConfigurations/FIDO2",
                    "authenticationMethodsPolicy/authenticationMethodConfigurations('Fido2')",
                    "Policies/AuthenticationMethodsPolicy/AuthenticationMethodConfigurations/fido2")) {
                forms.add(root + path);
            }
        }

        SoftAssertions soft = new SoftAssertions();
        for (String form : forms) {
            Graph.Reply reply = graph.call("GET", graph.root().resolve(form).toString(), admin, null);
            soft.assertThat(reply.status()).as(form + ": " + reply).isEqualTo(200);
            if (reply.status() == 200) {
                JsonNode json = reply.json();
                soft.assertThat(json.get("id").asText()).as(form).isEqualTo("Fido2");
                soft.assertThat(json.get("@odata.type").asText()).as(form).isEqualTo("#microsoft.graph.fido2AuthenticationMethodConfiguration");
                soft.assertThat(json.get("@odata.context").asText()).as(form)
                        .contains("$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations");
                soft.assertThat(reply.header("ETag")).as(form).isEqualTo(canonical.header("ETag")).isEqualTo(json.get("@odata.etag").asText());
                soft.assertThat(withoutAnnotations(json)).as(form).isEqualTo(withoutAnnotations(canonical.json()));
            }
        }
        for (String policy : List.of("graph/v1.0/policies/authenticationMethodsPolicy", "graph/beta/authenticationMethodsPolicy",
                "graph/v1.0/authenticationMethodsPolicy")) {
            Graph.Reply reply = graph.call("GET", graph.root().resolve(policy).toString(), admin, null);
            soft.assertThat(reply.status()).as(policy + ": " + reply).isEqualTo(200);
            JsonNode configurations = reply.json().path("authenticationMethodConfigurations");
            soft.assertThat(configurations.size()).as(policy).isEqualTo(1);
            soft.assertThat(configurations.path(0).path("id").asText()).as(policy).isEqualTo("Fido2");
            soft.assertThat(configurations.path(0).path("state").asText()).as(policy).isEqualTo("enabled");
        }
        soft.assertAll();
    }

    @Test
    void theDefaultConfigurationIsPasskeysForAllUsers() {
        JsonNode json = graph.get(FIDO2, admin).json();

        assertThat(json.get("state").asText()).isEqualTo("enabled");
        assertThat(json.get("isSelfServiceRegistrationAllowed").asBoolean()).isTrue();
        assertThat(json.get("isAttestationEnforced").asBoolean()).isFalse();
        assertThat(json.get("keyRestrictions").get("isEnforced").asBoolean()).isFalse();
        assertThat(json.get("includeTargets").toString()).contains("\"id\":\"all_users\"").contains("\"targetType\":\"group\"");
        assertThat(json.get("defaultPasskeyProfile").asText()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(json.get("passkeyProfiles").get(0).get("name").asText()).isEqualTo("Default passkey profile");
        assertThat(json.get("passkeyProfiles").get(0).get("passkeyTypes").asText()).isEqualTo("deviceBound,synced");
    }

    @Test
    void anotherAuthenticationMethodIsNotFound() {
        Graph.Reply reply = graph.get("policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms", admin);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("Request_ResourceNotFound");
    }

    @Test
    void aPartialPatchChangesOnlyWhatItSends() {
        assertThat(patch("{" + TYPE + ",\"isAttestationEnforced\":true}").status()).isEqualTo(204);

        Graph.Reply reply = patch("{" + TYPE + ",\"isSelfServiceRegistrationAllowed\":false}");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        JsonNode json = graph.get(FIDO2, admin).json();
        assertThat(json.get("isSelfServiceRegistrationAllowed").asBoolean()).isFalse();
        assertThat(json.get("isAttestationEnforced").asBoolean()).isTrue();
        assertThat(json.get("passkeyProfiles").get(0).get("attestationEnforcement").asText()).isEqualTo("registrationOnly");
        assertThat(json.get("state").asText()).isEqualTo("enabled");
    }

    @Test
    void booleansSentAsStringsAreAccepted() {
        Graph.Reply reply = patch("{\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\",\"state\":\"enabled\","
                + "\"isAttestationEnforced\":\"true\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        assertThat(graph.get(FIDO2, admin).json().get("isAttestationEnforced").asBoolean()).isTrue();
    }

    @Test
    void aPatchWithoutODataTypeIsRefusedAndChangesNothing() {
        String etag = etag();

        Graph.Reply reply = patch("{\"state\":\"disabled\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalidRequest");
        assertThat(reply.json().path("error").path("message").asText()).contains("@odata.type");
        assertThat(etag()).isEqualTo(etag);
        assertThat(graph.get(FIDO2, admin).json().get("state").asText()).isEqualTo("enabled");
    }

    @Test
    void aChangeBasedOnAStaleReadIsRefusedWith412() {
        String read = etag();
        Graph.Reply first = graph.call("PATCH", graph.v1(FIDO2), admin, "{" + TYPE + ",\"isAttestationEnforced\":true}", "If-Match", read);
        assertThat(first.status()).isEqualTo(204);

        Graph.Reply lost = graph.call("PATCH", graph.v1(FIDO2), admin, "{" + TYPE + ",\"state\":\"disabled\"}", "If-Match", read);
        Graph.Reply staleDelete = graph.call("DELETE", graph.v1(FIDO2), admin, null, "If-Match", read);
        Graph.Reply anyVersion = graph.call("PATCH", graph.v1(FIDO2), admin, "{" + TYPE + ",\"isSelfServiceRegistrationAllowed\":false}",
                "If-Match", "*");

        assertThat(lost.status()).isEqualTo(412);
        assertThat(lost.errorCode()).isEqualTo("resourceModified");
        assertThat(staleDelete.status()).isEqualTo(412);
        assertThat(anyVersion.status()).isEqualTo(204);
        JsonNode json = graph.get(FIDO2, admin).json();
        assertThat(json.get("state").asText()).isEqualTo("enabled");
        assertThat(json.get("isAttestationEnforced").asBoolean()).isTrue();
    }

    @Test
    void deleteRevertsToTheDefault() {
        String defaults = withoutAnnotations(graph.get(FIDO2, admin).json()).toString();
        String group = group("Revert", true);
        patch("{" + TYPE + ",\"state\":\"disabled\",\"isAttestationEnforced\":true,\"includeTargets\":[{\"id\":\"" + group
                + "\",\"targetType\":\"group\"}],\"keyRestrictions\":{\"isEnforced\":true,\"aaGuids\":[\"" + AUTHENTICATOR_IOS + "\"]}}");
        assertThat(withoutAnnotations(graph.get(FIDO2, admin).json()).toString()).isNotEqualTo(defaults);

        Graph.Reply reply = graph.delete(FIDO2, admin);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(withoutAnnotations(graph.get(FIDO2, admin).json()).toString()).isEqualTo(defaults);
    }

    @Test
    void aNonSecurityGroupTargetIsRefusedAndNothingIsSaved() {
        String security = group("Passkey pilots", true);
        String distribution = group("Newsletter", false);
        String etag = etag();

        Graph.Reply reply = patch("{" + TYPE + ",\"includeTargets\":[" + groupTarget(security) + "," + groupTarget(distribution) + "]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("nonSecurityGroupTarget");
        assertThat(reply.json().path("error").path("message").asText()).contains("Newsletter").contains(distribution);
        assertThat(etag()).isEqualTo(etag);
        assertThat(graph.get(FIDO2, admin).json().get("includeTargets").toString()).doesNotContain(security);
    }

    @Test
    void severalGroupsAreSavedInOneChange() {
        List<String> groups = List.of(group("Pilots A", true), group("Pilots B", true), group("Pilots C", true));
        String outsiders = group("Contractors", true);

        Graph.Reply reply = patch("{" + TYPE + ",\"includeTargets\":[" + groupTarget(groups.get(0)) + "," + groupTarget(groups.get(1))
                + "," + groupTarget(groups.get(2)) + "],\"excludeTargets\":[{\"id\":\"" + outsiders + "\",\"targetType\":\"group\"}]}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        JsonNode json = graph.get(FIDO2, admin).json();
        List<String> included = new ArrayList<>();
        json.get("includeTargets").forEach(t -> included.add(t.get("id").asText()));
        assertThat(included).containsExactlyElementsOf(groups);
        assertThat(json.get("excludeTargets").get(0).get("id").asText()).isEqualTo(outsiders);
    }

    @Test
    void aaguidsAreStoredInLowercaseWithoutDuplicates() {
        Graph.Reply reply = patch("{" + TYPE + ",\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"allow\",\"aaGuids\":["
                + "\"CB69481E-8FF7-4039-93EC-0A2729A154A8\",\"cb69481e-8ff7-4039-93ec-0a2729a154a8\",\"" + AUTHENTICATOR_IOS + "\"]}}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        JsonNode restrictions = graph.get(FIDO2, admin).json().get("keyRestrictions");
        assertThat(restrictions.get("aaGuids").toString())
                .isEqualTo("[\"cb69481e-8ff7-4039-93ec-0a2729a154a8\",\"" + AUTHENTICATOR_IOS + "\"]");
        assertThat(restrictions.get("isAuditOnly").asBoolean()).isFalse();
    }

    @Test
    void theMicrosoftAuthenticatorSwitchAddsAndRemovesItsTwoAaguids() {
        patch("{" + TYPE + ",\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"allow\","
                + "\"aaGuids\":[\"cb69481e-8ff7-4039-93ec-0a2729a154a8\"]}}");

        assertThat(patch("{" + TYPE + ",\"isMicrosoftAuthenticatorIncluded\":true}").status()).isEqualTo(204);
        JsonNode on = graph.get(FIDO2, admin).json();
        assertThat(patch("{" + TYPE + ",\"isMicrosoftAuthenticatorIncluded\":\"false\"}").status()).isEqualTo(204);
        JsonNode off = graph.get(FIDO2, admin).json();

        assertThat(on.get("isMicrosoftAuthenticatorIncluded").asBoolean()).isTrue();
        assertThat(on.get("keyRestrictions").get("aaGuids").toString()).contains(AUTHENTICATOR_IOS).contains(AUTHENTICATOR_ANDROID)
                .contains("cb69481e-8ff7-4039-93ec-0a2729a154a8");
        assertThat(off.get("isMicrosoftAuthenticatorIncluded").asBoolean()).isFalse();
        assertThat(off.get("keyRestrictions").get("aaGuids").toString()).isEqualTo("[\"cb69481e-8ff7-4039-93ec-0a2729a154a8\"]");
    }

    @Test
    void aChangeIsAuditedWithTheConfigurationBeforeAndAfter() {
        String group = group("Audited pilots", true);

        assertThat(patch("{" + TYPE + ",\"includeTargets\":[" + groupTarget(group) + "]}").status()).isEqualTo(204);

        JsonNode entry = policyAuditMentioning(group);
        assertThat(entry.get("category").asText()).isEqualTo("Policy");
        assertThat(entry.get("activityDisplayName").asText()).isEqualTo("Update authentication methods policy");
        assertThat(entry.path("initiatedBy").path("app").path("appId").asText()).isNotBlank();
        JsonNode change = entry.path("targetResources").path(0).path("modifiedProperties").path(0);
        assertThat(change.get("oldValue").asText()).contains("all_users").doesNotContain(group);
        assertThat(change.get("newValue").asText()).contains(group).doesNotContain("all_users");
    }

    @Test
    void eachInvalidChangeIsRefusedWith400AndChangesNothing() {
        String user = graph.post("users", admin, userJson(upn("policy.target"), "Policy Target")).json().get("id").asText();
        String missing = UUID.randomUUID().toString();
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{" + TYPE + ",\"state\":\"on\"}", "state");
        refusals.put("{" + TYPE + ",\"includeTargets\":[{\"id\":\"all_users\",\"targetType\":\"everyone\"}]}", "targetType");
        refusals.put("{" + TYPE + ",\"keyRestrictions\":{\"enforcementType\":\"deny\"}}", "enforcementType");
        refusals.put("{" + TYPE + ",\"passkeyProfiles\":[{\"id\":\"00000000-0000-0000-0000-000000000001\",\"passkeyTypes\":\"deviceBound,cloud\"}]}",
                "passkeyTypes");
        refusals.put("{" + TYPE + ",\"passkeyProfiles\":[{\"id\":\"00000000-0000-0000-0000-000000000001\",\"attestationEnforcement\":\"always\"}]}",
                "attestationEnforcement");
        refusals.put("{" + TYPE + ",\"keyRestrictions\":{\"aaGuids\":[\"cb69481e-8ff7-4039-93ec\"]}}", "AAGUID");
        refusals.put("{" + TYPE + ",\"includeTargets\":[" + groupTarget(missing) + "]}", missing);
        refusals.put("{" + TYPE + ",\"includeTargets\":[{\"id\":\"all_users\",\"targetType\":\"user\"}]}", "all_users");
        refusals.put("{" + TYPE + ",\"includeTargets\":[{\"id\":\"" + missing + "\",\"targetType\":\"user\"}]}", missing);
        refusals.put("{" + TYPE + ",\"excludeTargets\":[{\"id\":\"" + missing + "\",\"targetType\":\"group\"}]}", missing);
        refusals.put("{" + TYPE + ",\"includeTargets\":[{\"id\":\"" + user + "\",\"targetType\":\"user\",\"allowedPasskeyProfiles\":[\""
                + missing + "\"]}]}", missing);
        refusals.put("{" + TYPE + ",\"passkeyProfiles\":[]}", "default passkey profile");
        refusals.put("{" + TYPE + ",\"passkeyProfiles\":[{\"id\":\"" + missing + "\",\"name\":\"Only\"}]}", "default passkey profile");
        refusals.put("{" + TYPE + ",\"defaultPasskeyProfile\":\"" + missing + "\"}", "cannot be changed");
        refusals.put("{\"@odata.type\":\"#microsoft.graph.smsAuthenticationMethodConfiguration\",\"state\":\"disabled\"}", "@odata.type");
        refusals.put("{" + TYPE + ",\"isUsable\":true}", "isUsable");
        String etag = etag();

        SoftAssertions soft = new SoftAssertions();
        refusals.forEach((body, named) -> {
            Graph.Reply reply = patch(body);
            soft.assertThat(reply.status()).as(body + " → " + reply).isEqualTo(400);
            soft.assertThat(reply.errorCode()).as(body).isEqualTo("invalidRequest");
            soft.assertThat(reply.json().path("error").path("message").asText()).as(body).containsIgnoringCase(named);
        });
        soft.assertThat(etag()).as("nothing saved").isEqualTo(etag);
        soft.assertAll();

        assertThat(patch("{" + TYPE + ",\"includeTargets\":[{\"id\":\"" + user + "\",\"targetType\":\"user\"}]}").status()).isEqualTo(204);
    }

    private Graph.Reply patch(String body) {
        return graph.patch(FIDO2, admin, body);
    }

    private String etag() {
        return graph.get(FIDO2, admin).header("ETag");
    }

    private String group(String name, boolean security) {
        Graph.Reply created = graph.post("groups", admin, "{\"displayName\":\"" + name + "\",\"securityEnabled\":" + security
                + ",\"mailEnabled\":" + !security + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String groupTarget(String id) {
        return "{\"id\":\"" + id + "\",\"targetType\":\"group\",\"isRegistrationRequired\":false}";
    }

    private static JsonNode withoutAnnotations(JsonNode json) {
        var copy = json.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("@odata.context", "@odata.etag"));
        return copy;
    }

    private JsonNode policyAuditMentioning(String text) {
        String next = graph.v1("auditLogs/directoryAudits?$top=999&$filter=category%20eq%20%27Policy%27");
        while (next != null) {
            JsonNode page = graph.call("GET", next, admin, null).json();
            for (JsonNode entry : page.get("value")) {
                if (entry.path("targetResources").path(0).path("modifiedProperties").path(0).path("newValue").asText().contains(text)) {
                    return entry;
                }
            }
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        throw new AssertionError("No Policy audit entry mentions " + text);
    }
}
