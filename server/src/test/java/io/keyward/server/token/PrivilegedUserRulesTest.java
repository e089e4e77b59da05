package io.keyward.server.token;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.policy.Decision;
import io.keyward.server.policy.Refusal;
import io.keyward.server.token.PrivilegedUserRules.SensitiveAction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.DirectoryRole.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every caller (application with or without UserAuthenticationMethod.ReadWrite.All and directory roles; user with
 * each role, with or without Directory.AccessAsUser.All, acting on someone else or on themselves) × every action
 * × every target (no role, each role alone, role pairs, a custom role) against an oracle that restates Entra's
 * "Who can perform sensitive actions" table on its own, plus rows that pin the oracle.
 */
class PrivilegedUserRulesTest {

    static final String TARGET = "11111111-1111-1111-1111-111111111111";
    static final String CUSTOM_ROLE = "aaaaaaaa-0000-0000-0000-000000000000";

    @Test
    void everyCombinationDecidesAsEntrasTableSays() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Caller caller : callers()) {
            for (SensitiveAction action : SensitiveAction.values()) {
                for (Set<String> target : targets()) {
                    cells++;
                    boolean expected = oracle(caller, action, target);
                    Decision decision = PrivilegedUserRules.decide(caller, action, TARGET, target);
                    if (decision.allowed() != expected && wrong.size() < 20) {
                        wrong.add(describe(caller) + " " + action + " on " + target + ": expected " + (expected ? "allow" : "refuse"));
                    }
                    decision.refusal().map(Refusal::reason).filter(r -> r != ReasonCode.PRIVILEGED_USER_PROTECTED)
                            .ifPresent(r -> wrong.add("unexpected reason " + r));
                }
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(cells).isGreaterThan(2000);
    }

    @Test
    void anApplicationWithUserReadWriteAllCannotSetTheGlobalAdministratorsPassword() {
        Decision decision = PrivilegedUserRules.decide(app(Set.of("User.ReadWrite.All", "Directory.ReadWrite.All")),
                SensitiveAction.SET_PASSWORD, TARGET, Set.of(GLOBAL_ADMINISTRATOR.templateId()));

        assertThat(decision.refusal()).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(ReasonCode.PRIVILEGED_USER_PROTECTED);
            assertThat(r.message()).contains("set the password of", "Global Administrator", "User.ReadWrite.All");
        });
    }

    @Test
    void anApplicationWithUserReadWriteAllStillManagesOrdinaryUsers() {
        for (SensitiveAction action : EnumSet.of(SensitiveAction.SET_PASSWORD, SensitiveAction.CHANGE_ACCOUNT_ENABLED,
                SensitiveAction.CHANGE_USER_PRINCIPAL_NAME, SensitiveAction.DELETE_USER)) {
            assertThat(PrivilegedUserRules.decide(app(Set.of("User.ReadWrite.All")), action, TARGET, Set.of()).allowed()).as(action.name()).isTrue();
        }
    }

    @Test
    void anApplicationWithUserAuthenticationMethodReadWriteAllManagesAnAdministratorsMethodsButNotTheirPassword() {
        Caller app = app(Set.of("UserAuthenticationMethod.ReadWrite.All", "User.ReadWrite.All"));
        Set<String> admin = Set.of(GLOBAL_ADMINISTRATOR.templateId());

        assertThat(PrivilegedUserRules.decide(app, SensitiveAction.MANAGE_AUTHENTICATION_METHODS, TARGET, admin).allowed()).isTrue();
        assertThat(PrivilegedUserRules.decide(app, SensitiveAction.SET_PASSWORD, TARGET, admin).allowed()).isFalse();
    }

    @Test
    void thePasskeyOnlyPermissionDoesNotReachAnAdministratorsPasskeys() {
        Decision decision = PrivilegedUserRules.decide(app(Set.of("UserAuthMethod-Passkey.ReadWrite.All")),
                SensitiveAction.MANAGE_AUTHENTICATION_METHODS, TARGET, Set.of(AUTHENTICATION_POLICY_ADMINISTRATOR.templateId()));

        assertThat(decision.refusal()).hasValueSatisfying(r -> assertThat(r.message()).contains("UserAuthenticationMethod.ReadWrite.All"));
    }

    @Test
    void aDelegatedUserAdministratorDisablesAnotherUserAdministratorButNotAGlobalAdministrator() {
        Caller userAdmin = user(EnumSet.of(USER_ADMINISTRATOR), true);

        assertThat(PrivilegedUserRules.decide(userAdmin, SensitiveAction.CHANGE_ACCOUNT_ENABLED, TARGET,
                Set.of(USER_ADMINISTRATOR.templateId())).allowed()).isTrue();
        assertThat(PrivilegedUserRules.decide(userAdmin, SensitiveAction.CHANGE_ACCOUNT_ENABLED, TARGET,
                Set.of(USER_ADMINISTRATOR.templateId(), GLOBAL_ADMINISTRATOR.templateId())).allowed()).isFalse();
    }

    @Test
    void aDelegatedGlobalAdministratorNeedsDirectoryAccessAsUserForUserPropertiesOnly() {
        Set<String> admin = Set.of(GLOBAL_ADMINISTRATOR.templateId());

        Decision withoutScope = PrivilegedUserRules.decide(user(EnumSet.of(GLOBAL_ADMINISTRATOR), false), SensitiveAction.SET_PASSWORD, TARGET, admin);
        assertThat(withoutScope.refusal()).hasValueSatisfying(r -> assertThat(r.message()).contains("Directory.AccessAsUser.All"));
        assertThat(PrivilegedUserRules.decide(user(EnumSet.of(GLOBAL_ADMINISTRATOR), true), SensitiveAction.SET_PASSWORD, TARGET, admin).allowed()).isTrue();
        assertThat(PrivilegedUserRules.decide(user(EnumSet.of(GLOBAL_ADMINISTRATOR), false),
                SensitiveAction.MANAGE_AUTHENTICATION_METHODS, TARGET, admin).allowed()).isTrue();
    }

    @Test
    void anAuthenticationAdministratorResetsAPeersMethodsButNotAPrivilegedAuthenticationAdministrators() {
        Caller authAdmin = user(EnumSet.of(AUTHENTICATION_ADMINISTRATOR), false);

        assertThat(PrivilegedUserRules.decide(authAdmin, SensitiveAction.MANAGE_AUTHENTICATION_METHODS, TARGET,
                Set.of(AUTHENTICATION_ADMINISTRATOR.templateId())).allowed()).isTrue();
        assertThat(PrivilegedUserRules.decide(authAdmin, SensitiveAction.MANAGE_AUTHENTICATION_METHODS, TARGET,
                Set.of(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR.templateId())).allowed()).isFalse();
    }

    @Test
    void aCustomRoleIsProtectedLikeTheHighestRoles() {
        assertThat(PrivilegedUserRules.decide(user(EnumSet.of(USER_ADMINISTRATOR), true), SensitiveAction.DELETE_USER, TARGET,
                Set.of(CUSTOM_ROLE)).allowed()).isFalse();
        assertThat(PrivilegedUserRules.decide(user(EnumSet.of(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR), true), SensitiveAction.DELETE_USER, TARGET,
                Set.of(CUSTOM_ROLE)).allowed()).isTrue();
    }

    @Test
    void aReportsReaderIsNotProtected() {
        assertThat(PrivilegedUserRules.decide(app(Set.of("User.ReadWrite.All")), SensitiveAction.SET_PASSWORD, TARGET,
                Set.of(REPORTS_READER.templateId())).allowed()).isTrue();
    }

    @Test
    void anAdministratorManagesTheirOwnMethods() {
        Caller self = new Caller("app", "Admin UI", Optional.of(TARGET), Optional.of("ga@contoso.example"), Set.of(),
                Set.of("UserAuthenticationMethod.ReadWrite.All"), EnumSet.of(GLOBAL_READER));

        assertThat(PrivilegedUserRules.decide(self, SensitiveAction.MANAGE_AUTHENTICATION_METHODS, TARGET,
                Set.of(GLOBAL_READER.templateId())).allowed()).isTrue();
        assertThat(PrivilegedUserRules.decide(self, SensitiveAction.SET_PASSWORD, TARGET,
                Set.of(GLOBAL_READER.templateId())).allowed()).isFalse();
    }

    /** Entra's table, restated: who may act on a holder of each role. */
    private static Set<DirectoryRole> mayActOn(Optional<DirectoryRole> targetRole) {
        if (targetRole.isEmpty()) {
            return EnumSet.of(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR);
        }
        return switch (targetRole.get()) {
            case REPORTS_READER -> EnumSet.allOf(DirectoryRole.class);
            case AUTHENTICATION_ADMINISTRATOR -> EnumSet.of(AUTHENTICATION_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR);
            case USER_ADMINISTRATOR -> EnumSet.of(USER_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR);
            case GLOBAL_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_READER, AUTHENTICATION_POLICY_ADMINISTRATOR,
                 CONDITIONAL_ACCESS_ADMINISTRATOR -> EnumSet.of(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR);
        };
    }

    private static boolean oracle(Caller caller, SensitiveAction action, Set<String> target) {
        boolean methods = action == SensitiveAction.MANAGE_AUTHENTICATION_METHODS;
        boolean everyRoleAllowsTheCaller = target.stream().allMatch(id -> mayActOn(DirectoryRole.byTemplateId(id)).stream()
                .anyMatch(caller.directoryRoles()::contains));
        boolean targetIsOrdinary = target.stream().allMatch(id -> id.equals(REPORTS_READER.templateId()));
        if (targetIsOrdinary) {
            return true;
        }
        if (methods && caller.userId().map(TARGET::equals).orElse(false)) {
            return true;
        }
        if (caller.isDelegated()) {
            return everyRoleAllowsTheCaller && (methods || caller.scopes().contains("Directory.AccessAsUser.All"));
        }
        return everyRoleAllowsTheCaller || (methods && caller.roles().contains("UserAuthenticationMethod.ReadWrite.All"));
    }

    private static List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        for (Set<String> permissions : List.of(Set.of("User.ReadWrite.All"), Set.of("UserAuthMethod-Passkey.ReadWrite.All"),
                Set.of("UserAuthenticationMethod.ReadWrite.All", "User.ReadWrite.All"))) {
            callers.add(app(permissions));
            for (DirectoryRole role : DirectoryRole.values()) {
                callers.add(new Caller("app", "App", Optional.empty(), Optional.empty(), permissions, Set.of(), EnumSet.of(role)));
            }
        }
        for (DirectoryRole role : DirectoryRole.values()) {
            for (boolean accessAsUser : new boolean[]{false, true}) {
                callers.add(user(EnumSet.of(role), accessAsUser));
                Set<String> scopes = accessAsUser ? Set.of("Directory.AccessAsUser.All") : Set.of();
                callers.add(new Caller("app", "App", Optional.of(TARGET), Optional.of("self@contoso.example"), Set.of(), scopes, EnumSet.of(role)));
            }
        }
        callers.add(user(EnumSet.of(USER_ADMINISTRATOR, AUTHENTICATION_ADMINISTRATOR), true));
        return callers;
    }

    private static List<Set<String>> targets() {
        List<Set<String>> targets = new ArrayList<>();
        targets.add(Set.of());
        targets.add(Set.of(CUSTOM_ROLE));
        for (DirectoryRole role : DirectoryRole.values()) {
            targets.add(Set.of(role.templateId()));
            for (DirectoryRole other : DirectoryRole.values()) {
                if (other.ordinal() > role.ordinal()) {
                    targets.add(new HashSet<>(Set.of(role.templateId(), other.templateId())));
                }
            }
        }
        return targets;
    }

    private static Caller app(Set<String> permissions) {
        return new Caller("app", "App", Optional.empty(), Optional.empty(), permissions, Set.of(), Set.of());
    }

    private static Caller user(Set<DirectoryRole> roles, boolean accessAsUser) {
        Set<String> scopes = new HashSet<>(Set.of("User.ReadWrite.All", "UserAuthenticationMethod.ReadWrite.All"));
        if (accessAsUser) {
            scopes.add("Directory.AccessAsUser.All");
        }
        return new Caller("app", "Admin UI", Optional.of("22222222-2222-2222-2222-222222222222"), Optional.of("admin@contoso.example"),
                Set.of(), scopes, roles);
    }

    private static String describe(Caller caller) {
        return (caller.isDelegated() ? "user" + (caller.userId().get().equals(TARGET) ? "(self)" : "") + caller.directoryRoles() + caller.scopes()
                : "app" + caller.roles() + caller.directoryRoles());
    }
}
