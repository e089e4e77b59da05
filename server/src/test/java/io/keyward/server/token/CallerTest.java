package io.keyward.server.token;

import io.keyward.server.platform.Actor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Application permissions come from {@code roles}; delegated ones need a {@code scp} scope and a {@code wids} role. */
class CallerTest {

    @Test
    void applicationHoldingTheRoleIsAllowed() {
        Caller app = app(Set.of("User.Read.All"));

        assertThat(app.holdsAny(List.of(USER_READ_ALL))).isTrue();
    }

    @Test
    void applicationHoldingAnyOneOfSeveralPermissionsIsAllowed() {
        Caller app = app(Set.of("Directory.Read.All"));

        assertThat(app.holdsAny(List.of(USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL))).isTrue();
    }

    @Test
    void applicationWithoutTheRoleIsRefused() {
        Caller app = app(Set.of("Group.Read.All"));

        assertThat(app.holdsAny(List.of(USER_READ_ALL, USER_READWRITE_ALL))).isFalse();
    }

    @Test
    void applicationScopesDoNotCount() {
        Caller app = new Caller("app-1", "Provisioning", Optional.empty(), Optional.empty(),
                Set.of(), Set.of("User.Read.All"), Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));

        assertThat(app.holdsAny(List.of(USER_READ_ALL))).isFalse();
    }

    @Test
    void noPermissionsListedMeansRefused() {
        assertThat(app(Set.of("User.Read.All")).holdsAny(List.of())).isFalse();
    }

    @Test
    void delegatedScopeWithAGrantingRoleIsAllowed() {
        Caller user = user(Set.of("UserAuthenticationMethod.ReadWrite.All"), Set.of(DirectoryRole.AUTHENTICATION_ADMINISTRATOR));

        assertThat(user.holdsAny(List.of(USERAUTHENTICATIONMETHOD_READWRITE_ALL))).isTrue();
    }

    @Test
    void delegatedScopeWithoutAnyRoleIsRefused() {
        Caller user = user(Set.of("User.ReadWrite.All"), Set.of());

        assertThat(user.holdsAny(List.of(USER_READWRITE_ALL))).isFalse();
    }

    @Test
    void delegatedRoleWithoutTheScopeIsRefused() {
        Caller user = user(Set.of("User.Read.All"), Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));

        assertThat(user.holdsAny(List.of(USER_READWRITE_ALL))).isFalse();
    }

    @Test
    void delegatedScopeWithARoleThatDoesNotGrantItIsRefused() {
        Caller user = user(Set.of("User.ReadWrite.All"), Set.of(DirectoryRole.GLOBAL_READER));

        assertThat(user.holdsAny(List.of(USER_READWRITE_ALL))).isFalse();
    }

    @Test
    void delegatedScopeAndRoleMustMatchTheSamePermission() {
        // Scope for one permission, a role for another: neither permission is fully held.
        Caller user = user(Set.of("AuditLog.Read.All"), Set.of(DirectoryRole.USER_ADMINISTRATOR));

        assertThat(user.holdsAny(List.of(AUDITLOG_READ_ALL, USER_READ_ALL))).isFalse();
    }

    @Test
    void delegatedAppRolesDoNotCount() {
        Caller user = new Caller("app-1", "Admin portal", Optional.of("user-1"), Optional.of("jane@contoso.example"),
                Set.of("User.Read.All"), Set.of(), Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));

        assertThat(user.holdsAny(List.of(USER_READ_ALL))).isFalse();
    }

    @Test
    void aPermissionOnTheSignedInUserNeedsNoRoleButReachesNoOneElse() {
        Caller user = user(Set.of("UserAuthMethod-Passkey.ReadWrite"), Set.of());

        assertThat(user.holdsAny(List.of(USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READWRITE))).isTrue();
        assertThat(user.holdsAnyOnOthers(List.of(USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READWRITE))).isFalse();
    }

    @Test
    void anApplicationCannotHoldAPermissionOnTheSignedInUser() {
        Caller app = new Caller("app", "App", java.util.Optional.empty(), java.util.Optional.empty(), Set.of("User.Read"), Set.of(), Set.of());

        assertThat(app.holdsAny(List.of(USER_READ))).isFalse();
    }

    @Test
    void globalAdministratorGrantsEveryPermission() {
        assertThat(Arrays.stream(GraphPermission.values())).allMatch(DirectoryRole.GLOBAL_ADMINISTRATOR::grants);
    }

    @Test
    void globalAdministratorWithTheScopeIsAllowed() {
        Caller user = user(Set.of("Policy.ReadWrite.AuthenticationMethod"), Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));

        assertThat(user.holdsAny(List.of(POLICY_READWRITE_AUTHENTICATIONMETHOD))).isTrue();
    }

    @Test
    void globalReaderDoesNotGrantWrites() {
        assertThat(Arrays.stream(GraphPermission.values()).filter(p -> p.value().contains("ReadWrite")))
                .noneMatch(DirectoryRole.GLOBAL_READER::grants);
    }

    /**
     * The conditional access page's app picker: a Conditional Access Administrator lists the apps a policy can target
     * (in Entra every member user may read applications and service principals), but changes no app.
     */
    @Test
    void conditionalAccessAdministratorReadsApplicationsButChangesNone() {
        Caller user = user(Set.of("Application.Read.All"), Set.of(DirectoryRole.CONDITIONAL_ACCESS_ADMINISTRATOR));

        assertThat(user.holdsAny(List.of(APPLICATION_READ_ALL))).isTrue();
        assertThat(DirectoryRole.CONDITIONAL_ACCESS_ADMINISTRATOR.grants(APPLICATION_READWRITE_ALL)).isFalse();
        assertThat(DirectoryRole.CONDITIONAL_ACCESS_ADMINISTRATOR.grants(DIRECTORY_READ_ALL)).isFalse();
    }

    @Test
    void roleIsFoundByItsTemplateId() {
        assertThat(DirectoryRole.byTemplateId("62e90394-69f5-4237-9190-012177145e10")).contains(DirectoryRole.GLOBAL_ADMINISTRATOR);
    }

    @Test
    void templateIdLookupIgnoresCase() {
        assertThat(DirectoryRole.byTemplateId("C4E39BD9-1100-46D3-8C65-FB160DA0071F")).contains(DirectoryRole.AUTHENTICATION_ADMINISTRATOR);
    }

    @Test
    void unknownTemplateIdIsEmpty() {
        assertThat(DirectoryRole.byTemplateId("00000000-0000-0000-0000-000000000000")).isEmpty();
    }

    @Test
    void everyRoleRoundTripsThroughItsTemplateId() {
        assertThat(DirectoryRole.values())
                .allSatisfy(role -> assertThat(DirectoryRole.byTemplateId(role.templateId())).contains(role));
    }

    @Test
    void delegatedCallerActsAsTheUser() {
        Caller user = user(Set.of(), Set.of());

        assertThat(user.actor()).isEqualTo(new Actor(Actor.Kind.user, "user-1", "jane@contoso.example"));
    }

    @Test
    void applicationCallerActsAsTheApp() {
        assertThat(app(Set.of()).actor()).isEqualTo(new Actor(Actor.Kind.app, "app-1", "Provisioning"));
    }

    private static Caller app(Set<String> roles) {
        return new Caller("app-1", "Provisioning", Optional.empty(), Optional.empty(), roles, Set.of(), Set.of());
    }

    private static Caller user(Set<String> scopes, Set<DirectoryRole> roles) {
        return new Caller("app-1", "Admin portal", Optional.of("user-1"), Optional.of("jane@contoso.example"), Set.of(), scopes, roles);
    }
}
