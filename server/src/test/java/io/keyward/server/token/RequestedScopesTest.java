package io.keyward.server.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestedScopesTest {

    static final String RESOURCE = "https://graph.keyward.local";

    @Test
    void openIdScopesAndGraphPermissionsAreSeparated() throws Exception {
        RequestedScopes scopes = RequestedScopes.parse("openid profile offline_access User.Read", RESOURCE, List.of());

        assertThat(scopes.openIdScopes()).containsExactlyInAnyOrder("openid", "profile", "offline_access");
        assertThat(scopes.graphScopes()).containsExactly(GraphPermission.USER_READ);
        assertThat(scopes.wantsRefreshToken()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://graph.keyward.local/.default", "https://graph.microsoft.com/.default",
            "00000003-0000-0000-c000-000000000000/.default", "https://login.example.com/.default", "https://login.example.com:443/.default"})
    void theGraphResourceAnswersUnderEachOfItsNames(String scope) throws Exception {
        assertThat(RequestedScopes.parse(scope, RESOURCE, List.of("https://login.example.com")).graphDefault()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://management.azure.com/.default", "https://login.example.com:8443/.default", "Mail.Read",
            "https://graph.keyward.local/Mail.Read", "openid .default"})
    void anythingElseIsAnInvalidScope(String scope) {
        assertThatThrownBy(() -> RequestedScopes.parse(scope, RESOURCE, List.of("https://login.example.com")))
                .isInstanceOf(RequestedScopes.InvalidScope.class);
    }

    /** start-dev: http on 8080, https on 8443; a Graph SDK derives {scheme}://{host}/.default from its base URL. */
    @ParameterizedTest
    @ValueSource(strings = {"https://localhost/.default", "http://localhost/.default", "https://localhost:8443/.default",
            "http://localhost:8080/.default", "HTTPS://LOCALHOST:8443/.default", "https://localhost:8443//.default"})
    void keywardsOwnOriginsOverHttpAndHttpsNameTheGraphResource(String scope) throws Exception {
        assertThat(RequestedScopes.parse(scope, RESOURCE, List.of("http://localhost:8080", "https://localhost:8443")).graphDefault()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost:8080/.default", "http://localhost:8443/.default", "https://localhost:9443/.default",
            "https://127.0.0.1/.default", "https://localhost.evil.example/.default", "ftp://localhost/.default",
            "https://user@localhost/.default", "https://localhost/graph/.default"})
    void anotherPortSchemeOrHostIsNotKeywardsOwn(String scope) {
        assertThatThrownBy(() -> RequestedScopes.parse(scope, RESOURCE, List.of("http://localhost:8080", "https://localhost:8443")))
                .isInstanceOf(RequestedScopes.InvalidScope.class).hasMessageContaining("does not serve");
    }

    @Test
    void msal4jsOpenIdScopesBesideTheDefaultScopeAreAccepted() throws Exception {
        RequestedScopes scopes = RequestedScopes.parse("https://localhost/.default openid profile offline_access", RESOURCE,
                List.of("https://localhost:8443"));

        assertThat(scopes.graphDefault()).isTrue();
        assertThat(scopes.graphScopes()).isEmpty();
        assertThat(scopes.openIdScopes()).containsExactlyInAnyOrder("openid", "profile", "offline_access");
    }

    @Test
    void defaultCannotBeCombinedWithNamedPermissions() {
        assertThatThrownBy(() -> RequestedScopes.parse("https://graph.microsoft.com/.default User.Read", RESOURCE, List.of()))
                .isInstanceOf(RequestedScopes.InvalidScope.class).hasMessageContaining(".default");
    }

    @Test
    void delegatedScopesAreThoseTheAppWasGrantedAndUserRead() throws Exception {
        ClientApplication app = app(Set.of("UserAuthMethod-Passkey.ReadWrite"));

        assertThat(RequestedScopes.parse("openid offline_access https://graph.microsoft.com/.default", RESOURCE, List.of()).delegatedScopes(app))
                .containsExactlyInAnyOrder("openid", "User.Read", "UserAuthMethod-Passkey.ReadWrite");
    }

    @Test
    void aPermissionTheAppWasNotGrantedIsRefused() throws Exception {
        ClientApplication app = app(Set.of());
        RequestedScopes scopes = RequestedScopes.parse("openid User.ReadWrite.All", RESOURCE, List.of());

        assertThatThrownBy(() -> scopes.delegatedScopes(app)).isInstanceOf(RequestedScopes.InvalidScope.class)
                .hasMessageContaining("User.ReadWrite.All");
    }

    static ClientApplication app(Set<String> delegated) {
        ClientApplication app = new ClientApplication(UUID.randomUUID(), UUID.randomUUID(), "Test app", Set.of(), Instant.now());
        app.configureSignIn(ClientType.CONFIDENTIAL, Set.of("https://app.example/cb"), Set.of(), delegated);
        return app;
    }
}
