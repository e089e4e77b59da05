package io.keyward.server.token;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/**
 * Directory roles, with Entra's role template ids (carried in delegated tokens' {@code wids} claim), and the
 * Graph permissions each lets a signed-in user exercise. A delegated call needs both the scope and a role.
 */
public enum DirectoryRole {
    GLOBAL_ADMINISTRATOR("62e90394-69f5-4237-9190-012177145e10", "Global Administrator", EnumSet.allOf(GraphPermission.class)),
    GLOBAL_READER("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader", EnumSet.of(USER_READ_ALL, GROUP_READ_ALL,
            GROUPMEMBER_READ_ALL, DIRECTORY_READ_ALL, ORGANIZATION_READ_ALL, POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD,
            USERAUTHENTICATIONMETHOD_READ_ALL, USERAUTHMETHOD_PASSKEY_READ_ALL, AUDITLOG_READ_ALL, APPLICATION_READ_ALL,
            ROLEMANAGEMENT_READ_DIRECTORY)),
    AUTHENTICATION_POLICY_ADMINISTRATOR("0526716b-113d-4c15-b2c8-68e3c22b9f80", "Authentication Policy Administrator",
            EnumSet.of(POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD, USER_READ_ALL, GROUP_READ_ALL)),
    AUTHENTICATION_ADMINISTRATOR("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator",
            EnumSet.of(USERAUTHENTICATIONMETHOD_READ_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READ_ALL,
                    USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USER_READ_ALL, GROUP_READ_ALL, GROUPMEMBER_READ_ALL)),
    PRIVILEGED_AUTHENTICATION_ADMINISTRATOR("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator",
            EnumSet.of(USER_REVOKESESSIONS_ALL, USERAUTHENTICATIONMETHOD_READ_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READ_ALL,
                    USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USER_READ_ALL, GROUP_READ_ALL, GROUPMEMBER_READ_ALL)),
    /*
     * Application.Read.All: a policy targets apps, so the role must list them. Entra's permissions reference gives the
     * role no microsoft.directory/applications action of its own; its holders read applications and service principals
     * as member users do by default (and the reference once said the role inherits Directory Readers, which has
     * applications/standard/read and servicePrincipals/standard/read). Keyward has no default member permissions, so
     * the role carries the read; it changes no app.
     */
    CONDITIONAL_ACCESS_ADMINISTRATOR("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator",
            EnumSet.of(POLICY_READ_ALL, POLICY_READWRITE_CONDITIONALACCESS, USER_READ_ALL, GROUP_READ_ALL, APPLICATION_READ_ALL)),
    REPORTS_READER("4a5d8f65-41da-4de4-8968-e035b65339cf", "Reports Reader", EnumSet.of(AUDITLOG_READ_ALL)),
    USER_ADMINISTRATOR("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator",
            EnumSet.of(USER_READ_ALL, USER_READWRITE_ALL, USER_INVITE_ALL, USER_REVOKESESSIONS_ALL, GROUP_READ_ALL, GROUP_READWRITE_ALL,
                    GROUPMEMBER_READ_ALL, GROUPMEMBER_READWRITE_ALL));

    private final String templateId;
    private final String displayName;
    private final Set<GraphPermission> permissions;

    DirectoryRole(String templateId, String displayName, Set<GraphPermission> permissions) {
        this.templateId = templateId;
        this.displayName = displayName;
        this.permissions = permissions;
    }

    public String templateId() {
        return templateId;
    }

    public String displayName() {
        return displayName;
    }

    public boolean grants(GraphPermission permission) {
        return permissions.contains(permission);
    }

    public static Optional<DirectoryRole> byTemplateId(String id) {
        return Arrays.stream(values()).filter(r -> r.templateId.equalsIgnoreCase(id)).findFirst();
    }
}
