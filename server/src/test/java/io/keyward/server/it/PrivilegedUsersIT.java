package io.keyward.server.it;

import io.keyward.server.token.DirectoryRole;
import org.junit.jupiter.api.Test;


import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's user permissions reach ordinary users only: the password, enablement, UPN and credentials of a
 * user holding a privileged directory role stay out of reach of {@code User.ReadWrite.All} (Entra's "Who can perform
 * sensitive actions"), so an app cannot take over the Global Administrator and sign in as them.
 */
class PrivilegedUsersIT extends GraphIT {

    static final String NEW_PASSWORD = "correct horse battery staple 1";

    @Test
    void anAppWithUserReadWriteAllCannotSetAGlobalAdministratorsPasswordNorSignInWithIt() {
        String admin = globalAdministrator();
        String app = graph.tokenWith("User.ReadWrite.All");

        Graph.Reply reply = graph.patch("users/" + admin, app, "{\"passwordProfile\":{\"password\":\"" + NEW_PASSWORD + "\"}}");

        assertPrivilegedUserProtected(reply, "set the password of");
        String upn = graph.get("users/" + admin, this.admin).json().get("userPrincipalName").asText();
        Graph.Reply signIn = new Browser(graph.root()).post("signin/password",
                "{\"userPrincipalName\":\"" + upn + "\",\"password\":\"" + NEW_PASSWORD + "\"}");
        assertThat(signIn.status()).as(signIn.toString()).isNotEqualTo(200);
    }

    @Test
    void anAppWithUserReadWriteAllCannotDisableRenameOrDeleteAGlobalAdministrator() {
        String admin = globalAdministrator();
        String app = graph.tokenWith("User.ReadWrite.All");

        assertPrivilegedUserProtected(graph.patch("users/" + admin, app, "{\"accountEnabled\":false}"), "enable or disable");
        assertPrivilegedUserProtected(graph.patch("users/" + admin, app, "{\"userPrincipalName\":\"" + upn("taken") + "\"}"),
                "change the user principal name of");
        assertPrivilegedUserProtected(graph.delete("users/" + admin, app), "delete");
        Graph.Reply after = graph.get("users/" + admin + "?$select=accountEnabled", this.admin);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("accountEnabled").asBoolean()).isTrue();
    }

    @Test
    void anAppWithUserReadWriteAllStillChangesAGlobalAdministratorsOtherPropertiesAndEchoedValues() {
        String admin = globalAdministrator();
        String upn = graph.get("users/" + admin, this.admin).json().get("userPrincipalName").asText();

        Graph.Reply reply = graph.patch("users/" + admin, graph.tokenWith("User.ReadWrite.All"),
                "{\"displayName\":\"Renamed admin\",\"accountEnabled\":true,\"userPrincipalName\":\"" + upn + "\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    }

    @Test
    void anAppWithUserReadWriteAllStillManagesOrdinaryUsers() {
        String user = graph.post("users", admin, userJson(upn("ordinary"), "Ordinary")).json().get("id").asText();
        String app = graph.tokenWith("User.ReadWrite.All");

        Graph.Reply reply = graph.patch("users/" + user, app, "{\"accountEnabled\":false,\"passwordProfile\":{\"password\":\"" + NEW_PASSWORD + "\"}}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
        assertThat(graph.delete("users/" + user, app).status()).isEqualTo(204);
    }

    @Test
    void thePasskeyPermissionDoesNotReachAnAdministratorsPasskeys() {
        String admin = privileged(DirectoryRole.AUTHENTICATION_POLICY_ADMINISTRATOR);

        Graph.Reply reply = graph.get("users/" + admin + "/authentication/fido2Methods/creationOptions",
                graph.tokenWith("UserAuthMethod-Passkey.ReadWrite.All"));

        assertPrivilegedUserProtected(reply, "change the authentication methods of");
    }

    @Test
    void userAuthenticationMethodReadWriteAllReachesAnAdministratorsMethodsAsInEntra() {
        String admin = globalAdministrator();

        Graph.Reply reply = graph.post("users/" + admin + "/authentication/temporaryAccessPassMethods",
                graph.tokenWith("UserAuthenticationMethod.ReadWrite.All"), "{\"lifetimeInMinutes\":60}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    private String globalAdministrator() {
        return privileged(DirectoryRole.GLOBAL_ADMINISTRATOR);
    }

    private String privileged(DirectoryRole role) {
        String id = graph.post("users", admin, userJson(upn("admin"), "Privileged")).json().get("id").asText();
        TestDirectory.assignRole(id, role.templateId());
        return id;
    }

    private static void assertPrivilegedUserProtected(Graph.Reply reply, String action) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("Authorization_RequestDenied");
        assertThat(reply.json().path("error").path("message").asText()).contains("Insufficient privileges to " + action, "privileged");
        assertThat(reply.json().path("error").path("details").path(0).path("code").asText()).isEqualTo("privilegedUserProtected");
    }
}
