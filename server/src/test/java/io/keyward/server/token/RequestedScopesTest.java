package io.keyward.server.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestedScopesTest {

    static final String RESOURCE = "https://graph.keyward.local";

    @Test
    void openIdScopesAndGraphPermissionsAreSeparated() throws Exception {
        RequestedScopes scopes = RequestedScopes.parse("openid profile offline_access User.Read", RESOURCE, Optional.empty());

        assertThat(scopes.openIdScopes()).containsExactlyInAnyOrder("openid", "profile", "offline_access");
        assertThat(scopes.graphScopes()).containsExactly(GraphPermission.USER_READ);
        assertThat(scopes.wantsRefreshToken()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://graph.keyward.local/.default", "https://graph.microsoft.com/.default",
            "00000003-0000-0000-c000-000000000000/.default", "https://login.example.com/.default", "https://login.example.com:443/.default"})
    void theGraphResourceAnswersUnderEachOfItsNames(String scope) throws Exception {
        assertThat(RequestedScopes.parse(scope, RESOURCE, Optional.of("https://login.example.com")).graphDefault()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://management.azure.com/.default", "https://login.example.com:8443/.default", "Mail.Read",
            "https://graph.keyward.local/Mail.Read", "openid .default"})
    void anythingElseIsAnInvalidScope(String scope) {
        assertThatThrownBy(() -> RequestedScopes.parse(scope, RESOURCE, Optional.of("https://login.example.com")))
                .isInstanceOf(RequestedScopes.InvalidScope.class);
    }

    @Test
    void defaultCannotBeCombinedWithNamedPermissions() {
        assertThatThrownBy(() -> RequestedScopes.parse("https://graph.microsoft.com/.default User.Read", RESOURCE, Optional.empty()))
                .isInstanceOf(RequestedScopes.InvalidScope.class).hasMessageContaining(".default");
    }

    @Test
    void delegatedScopesAreThoseTheAppWasGrantedAndUserRead() throws Exception {
        ClientApplication app = app(Set.of("UserAuthMethod-Passkey.ReadWrite"));

        assertThat(RequestedScopes.parse("openid offline_access https://graph.microsoft.com/.default", RESOURCE, Optional.empty()).delegatedScopes(app))
                .containsExactlyInAnyOrder("openid", "User.Read", "UserAuthMethod-Passkey.ReadWrite");
    }

    @Test
    void aPermissionTheAppWasNotGrantedIsRefused() throws Exception {
        ClientApplication app = app(Set.of());
        RequestedScopes scopes = RequestedScopes.parse("openid User.ReadWrite.All", RESOURCE, Optional.empty());

        assertThatThrownBy(() -> scopes.delegatedScopes(app)).isInstanceOf(RequestedScopes.InvalidScope.class)
                .hasMessageContaining("User.ReadWrite.All");
    }

    static ClientApplication app(Set<String> delegated) {
        ClientApplication app = new ClientApplication(UUID.randomUUID(), UUID.randomUUID(), "Test app", Set.of(), Instant.now());
        app.configureSignIn(ClientType.CONFIDENTIAL, Set.of("https://app.example/cb"), Set.of(), delegated);
        return app;
    }
}
