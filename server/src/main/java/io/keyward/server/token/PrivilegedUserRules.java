package io.keyward.server.token;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.policy.Decision;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.keyward.server.token.DirectoryRole.*;

/**
 * Who may take over or lock out a user who holds a directory role, as in Entra ("Who can perform sensitive
 * actions", and the note on the Graph "Update user" page): a permission such as {@code User.ReadWrite.All} or
 * {@code UserAuthMethod-Passkey.ReadWrite.All} reaches ordinary users only. Changing the credentials, the
 * enablement or the user principal name of a privileged user, or deleting one, needs a privileged caller:
 * <ul>
 *   <li>a user (delegated token) holding a directory role that Entra lets act on <em>every</em> role the target
 *       holds ({@link #MAY_ACT_ON}); for the user properties (password, {@code accountEnabled}, UPN, delete) the
 *       app must also hold the delegated {@value #ACCESS_AS_USER} scope, as the Graph page requires;</li>
 *   <li>an application holding such a directory role (its token's {@code wids});</li>
 *   <li>for authentication methods only, an application holding {@code UserAuthenticationMethod.ReadWrite.All},
 *       the permission Entra marks as able to manage any user's methods. Keyward does not let the narrower
 *       {@code UserAuthMethod-Passkey.ReadWrite.All} reach privileged users.</li>
 * </ul>
 * A target without a role, or holding only Reports Reader (which every admin role may act on), is not protected
 * here: the operation's own permission decides.
 */
public final class PrivilegedUserRules {

    /** The delegated-only permission Entra requires, with a role, to change privileged users' sensitive properties. */
    public static final String ACCESS_AS_USER = "Directory.AccessAsUser.All";

    /** Changes that would let the caller sign in as the target, or keep the target out. */
    public enum SensitiveAction {
        SET_PASSWORD("set the password of"),
        CHANGE_ACCOUNT_ENABLED("enable or disable"),
        CHANGE_USER_PRINCIPAL_NAME("change the user principal name of"),
        DELETE_USER("delete"),
        MANAGE_AUTHENTICATION_METHODS("change the authentication methods of");

        private final String phrase;

        SensitiveAction(String phrase) {
            this.phrase = phrase;
        }

        boolean isUserProperty() {
            return this != MANAGE_AUTHENTICATION_METHODS;
        }
    }

    /** Roles whose holders anyone who can manage users may act on (Entra's table lists them under every admin). */
    static final Set<DirectoryRole> UNPROTECTED = EnumSet.of(REPORTS_READER);

    /**
     * Entra's table, restricted to Keyward's roles: a holder of the key role may be acted on by a caller holding one
     * of the values. Every other role, and any role Keyward does not know (custom roles), is Privileged
     * Authentication Administrator and Global Administrator only.
     */
    static final java.util.Map<DirectoryRole, Set<DirectoryRole>> MAY_ACT_ON = java.util.Map.of(
            AUTHENTICATION_ADMINISTRATOR, EnumSet.of(AUTHENTICATION_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR),
            USER_ADMINISTRATOR, EnumSet.of(USER_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR));
    static final Set<DirectoryRole> HIGHEST = EnumSet.of(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, GLOBAL_ADMINISTRATOR);

    private PrivilegedUserRules() {
    }

    /**
     * May this caller take this action on a user holding these directory roles (Entra role template ids)? The
     * caller already holds a permission for the operation; this decides only whether it reaches this target. People
     * manage their own authentication methods (Security info, {@code /me}) whatever their roles.
     */
    public static Decision decide(Caller caller, SensitiveAction action, String targetUserId, Set<String> targetRoleTemplateIds) {
        if (action == SensitiveAction.MANAGE_AUTHENTICATION_METHODS && caller.userId().filter(targetUserId::equalsIgnoreCase).isPresent()) {
            return Decision.allow();
        }
        List<Optional<DirectoryRole>> targetRoles = targetRoleTemplateIds.stream().map(DirectoryRole::byTemplateId).toList();
        List<Optional<DirectoryRole>> protecting = targetRoles.stream()
                .filter(role -> role.map(r -> !UNPROTECTED.contains(r)).orElse(true)).toList();
        if (protecting.isEmpty()) {
            return Decision.allow();
        }
        if (!caller.isDelegated() && action == SensitiveAction.MANAGE_AUTHENTICATION_METHODS
                && caller.roles().contains(GraphPermission.USERAUTHENTICATIONMETHOD_READWRITE_ALL.value())) {
            return Decision.allow();
        }
        boolean roleSuffices = protecting.stream().allMatch(role -> caller.directoryRoles().stream()
                .anyMatch(callerRole -> role.map(r -> MAY_ACT_ON.getOrDefault(r, HIGHEST)).orElse(HIGHEST).contains(callerRole)));
        boolean scopeSuffices = !caller.isDelegated() || !action.isUserProperty() || caller.scopes().contains(ACCESS_AS_USER);
        if (roleSuffices && scopeSuffices) {
            return Decision.allow();
        }
        return Decision.refuse(ReasonCode.PRIVILEGED_USER_PROTECTED, message(caller, action, protecting, roleSuffices));
    }

    private static String message(Caller caller, SensitiveAction action, List<Optional<DirectoryRole>> protecting, boolean roleSuffices) {
        String roles = protecting.stream().map(role -> role.map(DirectoryRole::displayName).orElse("a custom role"))
                .distinct().sorted().collect(Collectors.joining(", "));
        String who = protecting.stream().map(role -> role.map(r -> MAY_ACT_ON.getOrDefault(r, HIGHEST)).orElse(HIGHEST))
                .reduce((a, b) -> {
                    Set<DirectoryRole> both = EnumSet.copyOf(a);
                    both.retainAll(b);
                    return both;
                }).orElse(HIGHEST).stream().map(DirectoryRole::displayName).collect(Collectors.joining(" or "));
        StringBuilder text = new StringBuilder("Insufficient privileges to ").append(action.phrase)
                .append(" a user who holds a privileged directory role (").append(roles).append("). Only a ").append(who);
        if (!caller.isDelegated()) {
            text.append(" can do this; application permissions");
            text.append(action.isUserProperty() ? " such as User.ReadWrite.All" : " other than UserAuthenticationMethod.ReadWrite.All");
            text.append(" reach non-privileged users only.");
        } else if (!roleSuffices) {
            text.append(" can do this.");
        } else {
            text.append(" can do this, through an app granted the delegated permission ").append(ACCESS_AS_USER).append('.');
        }
        return text.toString();
    }
}
