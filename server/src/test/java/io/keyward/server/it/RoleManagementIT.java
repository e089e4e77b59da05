package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.server.token.DirectoryRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Set;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /roleManagement/directory}: assigning a directory role over Graph is what lets a user's delegated token act on others. */
class RoleManagementIT extends GraphIT {

    static final String ASSIGNMENTS = "roleManagement/directory/roleAssignments";
    static final URI REDIRECT = URI.create("https://roles.it.example/callback");

    String userId;

    @BeforeEach
    void arrange() {
        userId = graph.post("users", admin, userJson(upn("roles"), "Role Holder")).json().get("id").asText();
    }

    @Test
    void anAssignedRoleReachesTheUsersNextDelegatedToken() {
        String otherId = graph.post("users", admin, userJson(upn("target"), "Target")).json().get("id").asText();
        TestDirectory.Client app = TestDirectory.webApp("Roles it app", true, Set.of(REDIRECT.toString()), Set.of(),
                Set.of("UserAuthenticationMethod.ReadWrite.All"));
        String before = ApplicationsIT.TemporaryAccessPassSignIn.accessToken(graph, admin, userId, app, REDIRECT,
                "openid UserAuthenticationMethod.ReadWrite.All");
        assertThat(graph.get("users/" + otherId + "/authentication/methods", before).status()).isEqualTo(403);

        Graph.Reply assigned = graph.post(ASSIGNMENTS, admin, assignment(DirectoryRole.AUTHENTICATION_ADMINISTRATOR));
        String after = ApplicationsIT.TemporaryAccessPassSignIn.accessToken(graph, admin, userId, app, REDIRECT,
                "openid UserAuthenticationMethod.ReadWrite.All");

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        assertThat(graph.get("users/" + otherId + "/authentication/methods", after).status()).isEqualTo(200);
    }

    @Test
    void assignmentsAreFilteredByPrincipalAndRemovable() {
        String id = graph.post(ASSIGNMENTS, admin, assignment(DirectoryRole.REPORTS_READER)).json().get("id").asText();

        JsonNode mine = graph.get(ASSIGNMENTS + "?$filter=" + Graph.enc("principalId eq '" + userId + "'"), admin).json().get("value");

        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("roleDefinitionId").asText()).isEqualTo(DirectoryRole.REPORTS_READER.templateId());
        assertThat(graph.delete(ASSIGNMENTS + "/" + id, admin).status()).isEqualTo(204);
        assertThat(graph.get(ASSIGNMENTS + "/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void aSecondAssignmentOfTheSameRoleIsAConflict() {
        graph.post(ASSIGNMENTS, admin, assignment(DirectoryRole.GLOBAL_READER));

        Graph.Reply again = graph.post(ASSIGNMENTS, admin, assignment(DirectoryRole.GLOBAL_READER));

        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void unknownRolesScopesAndFiltersAreRefused() {
        Graph.Reply unknownRole = graph.post(ASSIGNMENTS, admin, "{\"principalId\":\"" + userId + "\",\"roleDefinitionId\":\"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3\"}");
        Graph.Reply scoped = graph.post(ASSIGNMENTS, admin, "{\"principalId\":\"" + userId + "\",\"roleDefinitionId\":\""
                + DirectoryRole.REPORTS_READER.templateId() + "\",\"directoryScopeId\":\"/administrativeUnits/x\"}");
        Graph.Reply filter = graph.get(ASSIGNMENTS + "?$filter=" + Graph.enc("startswith(principalId,'a')"), admin);

        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(scoped.status()).isEqualTo(400);
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.errorCode()).isEqualTo("invalidRequest");
    }

    private String assignment(DirectoryRole role) {
        return "{\"principalId\":\"" + userId + "\",\"roleDefinitionId\":\"" + role.templateId() + "\",\"directoryScopeId\":\"/\"}";
    }
}
