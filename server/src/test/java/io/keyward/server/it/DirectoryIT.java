package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.keyward.server.it.ITSupport.ref;
import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/** Users, groups, memberships, invitations and OData options through the Graph API, on PostgreSQL. */
class DirectoryIT extends GraphIT {

    @Test
    void createdUserCanBeReadByIdAndByUpnInAnyCase() {
        String upn = upn("Jane.Doe");
        Graph.Reply created = graph.post("users", admin, userJson(upn, "Jane Doe"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).endsWith("/users/" + id);
        assertThat(graph.get("users/" + id, admin).json().get("userPrincipalName").asText()).isEqualTo(upn);
        Graph.Reply byUpn = graph.get("users/" + Graph.enc(upn.toUpperCase()), admin);
        assertThat(byUpn.status()).isEqualTo(200);
        assertThat(byUpn.json().get("id").asText()).isEqualTo(id);
        assertThat(byUpn.json().get("@odata.context").asText()).endsWith("/graph/v1.0/$metadata#users/$entity");
    }

    @Test
    void duplicateUpnDifferingOnlyInCaseIsAConflict() {
        String upn = upn("dup");
        graph.post("users", admin, userJson(upn, "First"));

        Graph.Reply second = graph.post("users", admin, userJson(upn.toUpperCase(), "Second"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("nameAlreadyExists");
        assertThat(TestDirectory.count("select count(*) from directory_user where upn_key = ?", upn.toLowerCase())).isEqualTo(1);
    }

    @Test
    void upnChangeKeepsTheObjectIdAndIsAuditedWithBeforeAndAfter() {
        String oldUpn = upn("before");
        String id = graph.post("users", admin, userJson(oldUpn, "Renamed Person")).json().get("id").asText();
        String newUpn = upn("after");

        Graph.Reply patch = graph.patch("users/" + id, admin, "{\"userPrincipalName\":\"" + newUpn + "\",\"accountEnabled\":false}");

        assertThat(patch.status()).isEqualTo(204);
        JsonNode user = graph.get("users/" + id + "?$select=id,userPrincipalName,accountEnabled", admin).json();
        assertThat(user.get("userPrincipalName").asText()).isEqualTo(newUpn);
        assertThat(user.get("accountEnabled").asBoolean()).isFalse();
        assertThat(graph.get("users/" + Graph.enc(oldUpn), admin).status()).isEqualTo(404);
        JsonNode audit = latestAuditFor(id, "Update user");
        JsonNode changes = audit.path("targetResources").path(0).path("modifiedProperties");
        assertThat(changes.toString()).contains("userPrincipalName").contains(oldUpn).contains(newUpn)
                .contains("accountEnabled");
        assertThat(audit.path("initiatedBy").path("app").path("appId").asText()).isNotBlank();
    }

    @Test
    void deletedUserIsGoneAndRemovedFromItsGroups() {
        String userId = graph.post("users", admin, userJson(upn("leaver"), "Leaver")).json().get("id").asText();
        String groupId = group("Leavers", true, List.of(userId));

        assertThat(graph.delete("users/" + userId, admin).status()).isEqualTo(204);

        assertThat(graph.get("users/" + userId, admin).errorCode()).isEqualTo("Request_ResourceNotFound");
        assertThat(graph.get("groups/" + groupId + "/members", admin).json().get("value")).isEmpty();
    }

    @Test
    void addingAMemberTwiceIs400AndAnUnknownObjectIs404() {
        String userId = graph.post("users", admin, userJson(upn("member"), "Member")).json().get("id").asText();
        String groupId = group("Refs", true, List.of());

        assertThat(graph.post("groups/" + groupId + "/members/$ref", admin, ref(userId)).status()).isEqualTo(204);
        Graph.Reply again = graph.post("groups/" + groupId + "/members/$ref", admin, ref(userId));
        Graph.Reply unknown = graph.post("groups/" + groupId + "/members/$ref", admin, ref("00000000-0000-0000-0000-000000000001"));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").path("message").asText()).contains("already exist");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("Request_ResourceNotFound");
    }

    @Test
    void removingAMemberThatIsNotOneIs404() {
        String groupId = group("Remove", true, List.of());
        String userId = graph.post("users", admin, userJson(upn("outsider"), "Outsider")).json().get("id").asText();

        Graph.Reply reply = graph.delete("groups/" + groupId + "/members/" + userId + "/$ref", admin);

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void membersBindAddsAllOrNothing() {
        String a = graph.post("users", admin, userJson(upn("a"), "A")).json().get("id").asText();
        String b = graph.post("users", admin, userJson(upn("b"), "B")).json().get("id").asText();
        String groupId = group("Bind", true, List.of());

        Graph.Reply failing = graph.patch("groups/" + groupId, admin, "{\"members@odata.bind\":["
                + "\"https://graph.microsoft.com/v1.0/directoryObjects/" + a + "\","
                + "\"https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-0000-0000-0000000000ff\"]}");
        assertThat(failing.status()).isEqualTo(404);
        assertThat(graph.get("groups/" + groupId + "/members", admin).json().get("value")).isEmpty();

        Graph.Reply ok = graph.patch("groups/" + groupId, admin, "{\"members@odata.bind\":["
                + "\"https://graph.microsoft.com/v1.0/directoryObjects/" + a + "\","
                + "\"https://graph.microsoft.com/v1.0/users/" + b + "\"]}");
        assertThat(ok.status()).isEqualTo(204);
        assertThat(memberIds(groupId)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void nestedGroupsAreListedAsGroupMembersAndCyclesAreRefused() {
        String inner = group("Inner", true, List.of());
        String outer = group("Outer", true, List.of(inner));

        JsonNode members = graph.get("groups/" + outer + "/members?$select=id,displayName", admin).json().get("value");
        assertThat(members.get(0).get("@odata.type").asText()).isEqualTo("#microsoft.graph.group");
        Graph.Reply cycle = graph.post("groups/" + inner + "/members/$ref", admin, ref(outer));
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.json().path("error").path("message").asText()).contains("cycle");
    }

    @Test
    void invitationCreatesAPendingGuestThatRedemptionAccepts() {
        String email = "guest." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@partner.example";
        Graph.Reply invited = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"" + email
                + "\",\"inviteRedirectUrl\":\"https://apps.example/welcome\",\"sendInvitationMessage\":false}");

        assertThat(invited.status()).isEqualTo(201);
        String userId = invited.json().path("invitedUser").path("id").asText();
        String select = "?$select=userType,creationType,externalUserState,userPrincipalName";
        JsonNode pending = graph.get("users/" + userId + select, admin).json();
        assertThat(pending.get("userType").asText()).isEqualTo("Guest");
        assertThat(pending.get("creationType").asText()).isEqualTo("Invitation");
        assertThat(pending.get("externalUserState").asText()).isEqualTo("PendingAcceptance");
        assertThat(pending.get("userPrincipalName").asText()).contains("#EXT#@");

        String redeemUrl = invited.json().get("inviteRedeemUrl").asText();
        Graph.Reply redeemed = Graph.send(java.net.http.HttpRequest.newBuilder(URI.create(redeemUrl)).GET());
        // The guest lands on a page that leads to sign-in (docs/sign-in.md "Invitation pages"); a second visit says so.
        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(redeemed.body()).contains("data-outcome=\"accepted\"", "apps.example");
        assertThat(graph.get("users/" + userId + select, admin).json().get("externalUserState").asText()).isEqualTo("Accepted");
        Graph.Reply replay = Graph.send(java.net.http.HttpRequest.newBuilder(URI.create(redeemUrl)).GET());
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).contains("data-outcome=\"alreadyAccepted\"");
    }

    @Test
    void filterOnGuestsByStateWithCountNeedsEventualConsistency() {
        Graph.Reply withoutHeader = graph.get("users?$filter=userType eq 'Guest'&$count=true".replace(" ", "%20"), admin);
        assertThat(withoutHeader.status()).isEqualTo(400);
        assertThat(withoutHeader.json().path("error").path("message").asText()).contains("ConsistencyLevel");

        Graph.Reply counted = graph.get(("users?$filter=userType eq 'Guest' and externalUserState in ('PendingAcceptance','Accepted')"
                + "&$count=true&$select=id,userType").replace(" ", "%20").replace("'", "%27"), admin, "ConsistencyLevel", "eventual");
        assertThat(counted.status()).as(counted.toString()).isEqualTo(200);
        JsonNode values = counted.json().get("value");
        assertThat(counted.json().get("@odata.count").asLong()).isEqualTo(values.size());
        values.forEach(v -> assertThat(v.get("userType").asText()).isEqualTo("Guest"));
    }

    @Test
    void startswithMatchesRegardlessOfCaseAndQuotesAreDoubled() {
        String upn = upn("oneil");
        graph.post("users", admin, userJson(upn, "O'Neil " + upn.substring(6, 14)));

        Graph.Reply reply = graph.get(("users?$filter=startswith(displayName,'o''neil " + upn.substring(6, 14) + "')")
                .replace(" ", "%20").replace("'", "%27"), admin);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("value")).hasSize(1);
        assertThat(reply.json().get("value").get(0).get("userPrincipalName").asText()).isEqualTo(upn);
    }

    /** The filter compares the stored lower-cased key (CaseFolded), so that the unique index serves it: any case matches. */
    @Test
    void userPrincipalNameFiltersMatchRegardlessOfCase() {
        String upn = upn("Mixed.Case");
        String id = graph.post("users", admin, userJson(upn, "Mixed Case")).json().get("id").asText();
        String shouted = upn.toUpperCase(java.util.Locale.ROOT);

        for (String filter : new String[]{"userPrincipalName eq '" + shouted + "'", "userPrincipalName in ('nobody@it.example','" + shouted + "')",
                "startswith(userPrincipalName,'" + shouted.substring(0, 17) + "')"}) {
            Graph.Reply reply = graph.get("users?$filter=" + Graph.enc(filter), admin);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().get("value").findValuesAsText("id")).as(filter).containsExactly(id);
        }
    }

    @Test
    void pagingWithNextLinksSeesEveryUserOnceWhileUsersAreAdded() {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 7; i++) {
            graph.post("users", admin, userJson("page" + i + "." + tag + "@it.example", "Page " + tag));
        }
        Set<String> seen = new HashSet<>();
        String next = graph.v1(("users?$top=3&$filter=displayName eq 'Page " + tag + "'&$select=id,displayName")
                .replace(" ", "%20").replace("'", "%27"));
        int pages = 0;
        while (next != null) {
            Graph.Reply page = graph.call("GET", next, admin, null);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("value").forEach(v -> assertThat(seen.add(v.get("id").asText())).as("seen twice").isTrue());
            if (pages++ == 0) {
                graph.post("users", admin, userJson("late." + tag + "@it.example", "Page " + tag));
            }
            next = page.json().has("@odata.nextLink") ? page.json().get("@odata.nextLink").asText() : null;
            assertThat(next == null || !next.contains("$top=3&$top")).isTrue();
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(7);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void countSegmentReturnsPlainText() {
        Graph.Reply reply = graph.get("groups/$count", admin, "ConsistencyLevel", "eventual");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(Long.parseLong(reply.body().trim())).isGreaterThanOrEqualTo(0);
    }

    @Test
    void organizationIsTheTenant() {
        JsonNode org = graph.get("organization", admin).json().get("value").get(0);

        assertThat(org.get("id").asText()).isEqualTo(TestDirectory.tenantId());
        assertThat(graph.get("organization/" + TestDirectory.tenantId(), admin).status()).isEqualTo(200);
    }

    @Test
    void betaServesTheSameResources() {
        Graph.Reply reply = graph.call("GET", graph.root().resolve("graph/beta/organization").toString(), admin, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("@odata.context").asText()).contains("/graph/beta/$metadata#organization");
    }

    private String group(String name, boolean security, List<String> members) {
        StringBuilder binds = new StringBuilder();
        for (String m : members) {
            binds.append(binds.length() == 0 ? "" : ",").append("\"https://graph.microsoft.com/v1.0/directoryObjects/").append(m).append('"');
        }
        Graph.Reply created = graph.post("groups", admin, "{\"displayName\":\"" + name + "\",\"securityEnabled\":" + security
                + ",\"mailEnabled\":" + !security + ",\"members@odata.bind\":[" + binds + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private List<String> memberIds(String groupId) {
        List<String> ids = new ArrayList<>();
        graph.get("groups/" + groupId + "/members", admin).json().get("value").forEach(v -> ids.add(v.get("id").asText()));
        return ids;
    }

    private JsonNode latestAuditFor(String targetId, String activity) {
        String next = graph.v1(("auditLogs/directoryAudits?$top=999&$filter=activityDisplayName eq '" + activity + "'")
                .replace(" ", "%20").replace("'", "%27"));
        JsonNode found = null;
        while (next != null) {
            JsonNode page = graph.call("GET", next, admin, null).json();
            for (JsonNode entry : page.get("value")) {
                if (entry.path("targetResources").path(0).path("id").asText().equals(targetId)
                        && entry.get("activityDisplayName").asText().equals(activity)) {
                    found = entry;
                }
            }
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        assertThat(found).as("audit entry " + activity + " for " + targetId).isNotNull();
        return found;
    }
}
