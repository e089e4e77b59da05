package io.keyward.server.token;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Graph permissions Keyward knows, by their Microsoft Graph names. The delegated-only permissions without
 * {@code .All} ({@code User.Read}, {@code UserAuthMethod-Passkey.ReadWrite}, …) reach the signed-in user only
 * ({@code /me}) and need no directory role, as in Graph.
 */
public enum GraphPermission {
    USER_READ_ALL("User.Read.All"),
    USER_READWRITE_ALL("User.ReadWrite.All"),
    USER_INVITE_ALL("User.Invite.All"),
    USER_REVOKESESSIONS_ALL("User.RevokeSessions.All"),
    GROUP_READ_ALL("Group.Read.All"),
    GROUP_READWRITE_ALL("Group.ReadWrite.All"),
    GROUPMEMBER_READ_ALL("GroupMember.Read.All"),
    GROUPMEMBER_READWRITE_ALL("GroupMember.ReadWrite.All"),
    DIRECTORY_READ_ALL("Directory.Read.All"),
    DIRECTORY_READWRITE_ALL("Directory.ReadWrite.All"),
    ORGANIZATION_READ_ALL("Organization.Read.All"),
    POLICY_READ_ALL("Policy.Read.All"),
    POLICY_READ_AUTHENTICATIONMETHOD("Policy.Read.AuthenticationMethod"),
    POLICY_READWRITE_AUTHENTICATIONMETHOD("Policy.ReadWrite.AuthenticationMethod"),
    POLICY_READWRITE_CONDITIONALACCESS("Policy.ReadWrite.ConditionalAccess"),
    USERAUTHENTICATIONMETHOD_READ_ALL("UserAuthenticationMethod.Read.All"),
    USERAUTHENTICATIONMETHOD_READWRITE_ALL("UserAuthenticationMethod.ReadWrite.All"),
    USERAUTHMETHOD_PASSKEY_READ_ALL("UserAuthMethod-Passkey.Read.All"),
    USERAUTHMETHOD_PASSKEY_READWRITE_ALL("UserAuthMethod-Passkey.ReadWrite.All"),
    AUDITLOG_READ_ALL("AuditLog.Read.All"),
    APPLICATION_READ_ALL("Application.Read.All"),
    APPLICATION_READWRITE_ALL("Application.ReadWrite.All"),
    ROLEMANAGEMENT_READ_DIRECTORY("RoleManagement.Read.Directory"),
    ROLEMANAGEMENT_READWRITE_DIRECTORY("RoleManagement.ReadWrite.Directory"),
    APPROLEASSIGNMENT_READWRITE_ALL("AppRoleAssignment.ReadWrite.All"),
    DELEGATEDPERMISSIONGRANT_READWRITE_ALL("DelegatedPermissionGrant.ReadWrite.All"),
    // Delegated only, on the signed-in user (issue 7).
    USER_READ("User.Read", true),
    USERAUTHENTICATIONMETHOD_READ("UserAuthenticationMethod.Read", true),
    USERAUTHENTICATIONMETHOD_READWRITE("UserAuthenticationMethod.ReadWrite", true),
    USERAUTHMETHOD_PASSKEY_READ("UserAuthMethod-Passkey.Read", true),
    USERAUTHMETHOD_PASSKEY_READWRITE("UserAuthMethod-Passkey.ReadWrite", true);

    private final String value;
    private final boolean selfOnly;

    GraphPermission(String value) {
        this(value, false);
    }

    GraphPermission(String value, boolean selfOnly) {
        this.value = value;
        this.selfOnly = selfOnly;
    }

    /** Whether this is a delegated permission on the signed-in user only, which an application cannot hold. */
    public boolean selfOnly() {
        return selfOnly;
    }

    public String value() {
        return value;
    }

    public static Optional<GraphPermission> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equalsIgnoreCase(value)).findFirst();
    }

    /** Every application permission (what a client credentials token may carry). */
    public static Set<String> allValues() {
        return Arrays.stream(values()).filter(p -> !p.selfOnly).map(GraphPermission::value).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
