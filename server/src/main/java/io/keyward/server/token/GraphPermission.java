package io.keyward.server.token;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The Graph permissions Keyward knows, by their Microsoft Graph names. */
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
    AUDITLOG_READ_ALL("AuditLog.Read.All");

    private final String value;

    GraphPermission(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<GraphPermission> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equalsIgnoreCase(value)).findFirst();
    }

    public static Set<String> allValues() {
        return Arrays.stream(values()).map(GraphPermission::value).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
