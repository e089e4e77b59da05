package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.webauthn4j.test.authenticator.webauthn.CustomAaguidAuthenticator;
import io.keyward.server.token.DirectoryRole;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin center's reports ({@code /beta/keyward/reports/passkeyLockoutPreview} and {@code passkeyDashboard}): the
 * lockout preview counts users and passkeys in the database and names only the first few, saves nothing; the dashboard
 * counts coverage per security group, sign-ins per day and method, refusals per reason code; each is refused to roles
 * and scopes that do not read it.
 */
class PasskeyReportsIT extends GraphIT {

    static final String PREVIEW = "keyward/reports/passkeyLockoutPreview";
    static final String DASHBOARD = "keyward/reports/passkeyDashboard";
    static final URI REDIRECT = URI.create("https://reports.it.example/callback");

    private String user(String alias) {
        return graph.post("users", admin, userJson(upn(alias), alias)).json().get("id").asText();
    }

    private String upnOf(String userId) {
        return graph.get("users/" + userId, admin).json().get("userPrincipalName").asText();
    }

    private Graph.Reply preview(String query, String body, String token) {
        return graph.call("POST", graph.root().resolve("graph/beta/" + PREVIEW + query).toString(), token, body);
    }

    private Graph.Reply dashboard(String query, String token) {
        return graph.call("GET", graph.root().resolve("graph/beta/" + DASHBOARD + query).toString(), token, null);
    }

    private static String blockList(UUID aaguid, boolean auditOnly) {
        return "{\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\"" + aaguid + "\"],\"isAuditOnly\":"
                + auditOnly + "}}";
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void theLockoutPreviewCountsUsersAndPasskeysNamesTheFirstFewAndSavesNothing() {
        UUID kept = UUID.randomUUID();
        UUID blocked = UUID.randomUUID();
        String both = user("both");
        String onlyBlocked1 = user("only-blocked");
        String onlyBlocked2 = user("only-blocked");
        String onlyKept = user("only-kept");
        provision(both, new CustomAaguidAuthenticator(kept));
        provision(both, new CustomAaguidAuthenticator(blocked));
        provision(onlyBlocked1, new CustomAaguidAuthenticator(blocked));
        provision(onlyBlocked2, new CustomAaguidAuthenticator(blocked));
        provision(onlyKept, new CustomAaguidAuthenticator(kept));
        List<String> lockedOut = List.of(upnOf(onlyBlocked1), upnOf(onlyBlocked2)).stream().sorted().toList();

        Graph.Reply reply = preview("", blockList(blocked, false), admin);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode preview = reply.json();
        assertThat(preview.get("passkeysRefused").asLong()).isEqualTo(3);
        assertThat(preview.get("usersLockedOut").asLong()).isEqualTo(2);
        assertThat(preview.get("usersLosingSome").asLong()).isEqualTo(1);
        assertThat(texts(preview.get("lockedOut"))).containsExactlyElementsOf(lockedOut);
        assertThat(texts(preview.get("losingSome"))).containsExactly(upnOf(both));
        assertThat(preview.get("usersKeepSigningIn").asLong()).isEqualTo(preview.get("usersWithPasskeys").asLong() - 2);

        JsonNode capped = preview("?top=1", blockList(blocked, false), admin).json();
        assertThat(capped.get("usersLockedOut").asLong()).as("the count is not capped").isEqualTo(2);
        assertThat(texts(capped.get("lockedOut"))).as("the names are").containsExactly(lockedOut.get(0));

        assertThat(preview("", blockList(blocked, true), admin).json().get("passkeysRefused").asLong())
                .as("audit-only restrictions refuse nobody").isZero();
        assertThat(preview("", "{\"state\":\"disabled\"}", admin).json().get("usersLockedOut").asLong())
                .as("turning passkeys off locks out everyone with one").isEqualTo(preview.get("usersWithPasskeys").asLong());
        assertThat(graph.get(FIDO2, admin).json().get("keyRestrictions").get("aaGuids").toString())
                .as("the preview saves nothing").doesNotContain(blocked.toString());
    }

    private String securityGroup(String... members) {
        String group = graph.post("groups", admin, "{\"displayName\":\"Reports IT " + UUID.randomUUID() + "\",\"mailNickname\":\"reports-it\","
                + "\"securityEnabled\":true,\"mailEnabled\":false}").json().get("id").asText();
        for (String member : members) {
            Graph.Reply added = graph.post("groups/" + group + "/members/$ref", admin, "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/"
                    + member + "\"}");
            assertThat(added.status()).as(added.toString()).isEqualTo(204);
        }
        return group;
    }

    /**
     * A proposal that includes only {@code group}, with a profile of these passkey types and an allow list of {@code model},
     * and excludes {@code excluded}.
     */
    private static String scopedProposal(String group, String excluded, UUID profile, String types, UUID model, boolean auditOnly) {
        return "{\"passkeyProfiles\":[{\"id\":\"00000000-0000-0000-0000-000000000001\"},{\"id\":\"" + profile + "\",\"name\":\"Pilot keys\","
                + "\"passkeyTypes\":\"" + types + "\",\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"allow\",\"aaGuids\":[\""
                + model + "\"],\"isAuditOnly\":" + auditOnly + "}}],\"includeTargets\":[{\"id\":\"" + group + "\",\"targetType\":\"group\","
                + "\"allowedPasskeyProfiles\":[\"" + profile + "\"]}],\"excludeTargets\":[{\"id\":\"" + excluded + "\",\"targetType\":\"group\"}]}";
    }

    @Test
    void theLockoutPreviewFollowsTheSignInRuleTargetsNestedGroupsProfilesPasskeyTypesAndAuditOnly() {
        UUID approved = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID profile = UUID.randomUUID();
        String nested = user("nested-pilot");
        String otherModel = user("pilot-other-model");
        String outsider = user("outsider");
        String excludedMember = user("excluded-pilot");
        provision(nested, new CustomAaguidAuthenticator(approved));
        provision(otherModel, new CustomAaguidAuthenticator(other));
        provision(outsider, new CustomAaguidAuthenticator(approved));
        provision(excludedMember, new CustomAaguidAuthenticator(approved));
        String team = securityGroup(nested);
        String pilot = securityGroup(team, otherModel, excludedMember);
        String contractors = securityGroup(excludedMember);
        try {
            JsonNode deviceBound = preview("?top=500", scopedProposal(pilot, contractors, profile, "deviceBound", approved, false), admin).json();
            assertThat(texts(deviceBound.get("lockedOut"))).as("another model, no include target, an exclude target")
                    .contains(upnOf(otherModel), upnOf(outsider), upnOf(excludedMember)).doesNotContain(upnOf(nested));

            JsonNode syncedOnly = preview("?top=500", scopedProposal(pilot, contractors, profile, "synced", approved, false), admin).json();
            assertThat(texts(syncedOnly.get("lockedOut"))).as("a device-bound passkey under a synced-only profile").contains(upnOf(nested));

            JsonNode auditOnly = preview("?top=500", scopedProposal(pilot, contractors, profile, "deviceBound", approved, true), admin).json();
            assertThat(texts(auditOnly.get("lockedOut"))).as("audit-only restrictions refuse nobody")
                    .contains(upnOf(outsider), upnOf(excludedMember)).doesNotContain(upnOf(otherModel), upnOf(nested));
            assertThat(auditOnly.get("passkeysRefused").asLong()).isEqualTo(deviceBound.get("passkeysRefused").asLong() - 1);

            policy(scopedProposal(pilot, contractors, profile, "deviceBound", approved, false).substring(1).replaceFirst("}$", ""));
            assertThat(preview("?top=500", "{}", admin).json().get("passkeysRefused").asLong()).as("no change, no refusal").isZero();
            Graph.Reply deleteInUse = graph.patch(FIDO2, admin, "{\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\","
                    + "\"passkeyProfiles\":[{\"id\":\"00000000-0000-0000-0000-000000000001\"}]}");
            assertThat(deleteInUse.status()).as(deleteInUse.toString()).isEqualTo(409);
            assertThat(deleteInUse.errorCode()).isEqualTo("passkeyProfileInUse");
            assertThat(deleteInUse.json().path("error").path("message").asText()).contains("'Pilot keys'").contains(pilot);
            assertThat(graph.get(FIDO2, admin).json().get("passkeyProfiles").toString()).as("the profile is kept").contains(profile.toString());
        } finally {
            assertThat(graph.delete(FIDO2, admin).status()).isEqualTo(204);
        }
    }

    @Test
    void theLockoutPreviewRefusesWhatThePatchWouldRefuse() {
        Graph.Reply badType = preview("", "{\"keyRestrictions\":{\"enforcementType\":\"sideways\"}}", admin);
        Graph.Reply badAaguid = preview("", "{\"keyRestrictions\":{\"aaGuids\":[\"not-a-model\"]}}", admin);
        Graph.Reply unknown = preview("", "{\"displayName\":\"Passkeys\"}", admin);
        Graph.Reply unknownProfile = preview("", "{\"includeTargets\":[{\"id\":\"all_users\",\"targetType\":\"group\","
                + "\"allowedPasskeyProfiles\":[\"" + UUID.randomUUID() + "\"]}]}", admin);
        Graph.Reply tooMany = preview("?top=100000", "{}", admin);

        for (Graph.Reply refused : List.of(badType, badAaguid, unknown, unknownProfile, tooMany)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).as(refused.toString()).isEqualTo("invalidRequest");
        }
    }

    @Test
    void theDashboardCountsCoveragePerGroupSignInsPerDayAndRefusalsPerReason() {
        UUID model = UUID.randomUUID();
        JsonNode before = dashboard("?groups=200", admin).json();
        String withPasskey = user("covered");
        String without = user("uncovered");
        CustomAaguidAuthenticator key = new CustomAaguidAuthenticator(model);
        provision(withPasskey, key);
        String group = graph.post("groups", admin, "{\"displayName\":\"Reports IT " + UUID.randomUUID() + "\",\"mailNickname\":\"reports-it\","
                + "\"securityEnabled\":true,\"mailEnabled\":false}").json().get("id").asText();
        for (String member : List.of(withPasskey, without)) {
            Graph.Reply added = graph.post("groups/" + group + "/members/$ref", admin, "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/"
                    + member + "\"}");
            assertThat(added.status()).as(added.toString()).isEqualTo(204);
        }
        assertThat(new Browser(graph.root()).signIn(key, null).status()).isEqualTo(200);
        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\"" + model + "\"]}");
        assertThat(new Browser(graph.root()).signIn(key, null).status()).isEqualTo(403);

        Graph.Reply reply = dashboard("?groups=200", admin);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode after = reply.json();
        assertThat(after.get("days").asInt()).isEqualTo(14);
        assertThat(after.get("users").asLong() - before.get("users").asLong()).isEqualTo(2);
        assertThat(after.get("usersWithPasskey").asLong() - before.get("usersWithPasskey").asLong()).isEqualTo(1);
        JsonNode row = StreamSupport.stream(after.get("groups").spliterator(), false).filter(g -> g.get("id").asText().equals(group))
                .findFirst().orElseThrow(() -> new AssertionError("no coverage for the group: " + after.get("groups")));
        assertThat(row.get("members").asLong()).isEqualTo(2);
        assertThat(row.get("membersWithPasskey").asLong()).isEqualTo(1);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(passkeyToday(after, today, "succeeded") - passkeyToday(before, today, "succeeded")).isEqualTo(1);
        assertThat(passkeyToday(after, today, "refused") - passkeyToday(before, today, "refused")).isEqualTo(1);
        assertThat(refusals(after, "aaguidNotAllowed") - refusals(before, "aaguidNotAllowed")).isEqualTo(1);

        Graph.Reply badDays = dashboard("?days=400", admin);
        assertThat(badDays.status()).as(badDays.toString()).isEqualTo(400);
        assertThat(badDays.errorCode()).isEqualTo("invalidRequest");
    }

    private static long passkeyToday(JsonNode dashboard, String today, String field) {
        return StreamSupport.stream(dashboard.get("signInsPerDay").spliterator(), false)
                .filter(d -> d.get("date").asText().equals(today) && d.get("method").asText().equals("Passkey"))
                .mapToLong(d -> d.get(field).asLong()).sum();
    }

    private static long refusals(JsonNode dashboard, String reason) {
        return StreamSupport.stream(dashboard.get("refusals").spliterator(), false).filter(r -> r.get("reasonCode").asText().equals(reason))
                .mapToLong(r -> r.get("count").asLong()).sum();
    }

    @Test
    void aReportsReaderReadsTheDashboardButNotThePreviewAGlobalReaderBothAndNoRoleNeither() {
        String reader = user("reports-reader");
        TestDirectory.assignRole(reader, DirectoryRole.REPORTS_READER.templateId());
        String globalReader = user("global-reader");
        TestDirectory.assignRole(globalReader, DirectoryRole.GLOBAL_READER.templateId());
        String nobody = user("no-role");
        String scopes = "AuditLog.Read.All Policy.Read.All";

        String readerToken = delegatedToken(reader, scopes);
        String globalReaderToken = delegatedToken(globalReader, scopes);
        String nobodyToken = delegatedToken(nobody, scopes);

        assertThat(dashboard("", readerToken).status()).isEqualTo(200);
        assertDenied(preview("", "{}", readerToken));
        assertThat(dashboard("", globalReaderToken).status()).isEqualTo(200);
        assertThat(preview("", "{}", globalReaderToken).status()).isEqualTo(200);
        assertDenied(dashboard("", nobodyToken));
        assertDenied(preview("", "{}", nobodyToken));
    }

    private static void assertDenied(Graph.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo("Authorization_RequestDenied");
    }

    /** A delegated token of this user (signed in with a Temporary Access Pass) for an app granted these scopes. */
    private String delegatedToken(String userId, String scopes) {
        Set<String> granted = Set.of(scopes.split(" "));
        TestDirectory.Client app = TestDirectory.webApp("Reports it app", true, Set.of(REDIRECT.toString()), Set.of(), granted);
        OidcClient client = new OidcClient(graph.root(), TestDirectory.tenantId(), app, REDIRECT);
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin, "{\"lifetimeInMinutes\":60}")
                .json().get("temporaryAccessPass").asText();
        Browser browser = new Browser(graph.root());
        OidcClient.Attempt attempt = client.attempt("openid " + scopes);
        browser.navigate(attempt.request().toURI());
        Graph.Reply signedIn = browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + upnOf(userId)
                + "\",\"temporaryAccessPass\":\"" + pass + "\"}");
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        AuthenticationResponse response = OidcClient.response(browser.navigate(URI.create(signedIn.json().get("next").asText())));
        return OidcClient.success(client.redeem(response.toSuccessResponse().getAuthorizationCode(), attempt.verifier()))
                .getOIDCTokens().getAccessToken().getValue();
    }
}
