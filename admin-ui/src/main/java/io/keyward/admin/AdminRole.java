package io.keyward.admin;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.keyward.admin.AdminRole.Capability.CREATE_GROUPS;
import static io.keyward.admin.AdminRole.Capability.EDIT_AUTHENTICATION_STRENGTHS;
import static io.keyward.admin.AdminRole.Capability.EDIT_CONDITIONAL_ACCESS;
import static io.keyward.admin.AdminRole.Capability.EDIT_PASSKEY_POLICY;
import static io.keyward.admin.AdminRole.Capability.EDIT_USERS;
import static io.keyward.admin.AdminRole.Capability.ENABLE_USERS;
import static io.keyward.admin.AdminRole.Capability.INVITE_GUESTS;
import static io.keyward.admin.AdminRole.Capability.MANAGE_GROUP_MEMBERS;
import static io.keyward.admin.AdminRole.Capability.MANAGE_AUTHENTICATION_METHODS;
import static io.keyward.admin.AdminRole.Capability.READ_CONDITIONAL_ACCESS;
import static io.keyward.admin.AdminRole.Capability.READ_PASSKEY_POLICY;
import static io.keyward.admin.AdminRole.Capability.READ_REPORTS;
import static io.keyward.admin.AdminRole.Capability.READ_USERS;

/**
 * The directory roles that open the admin center (by their template ids, as in the access token's {@code wids}) and
 * what each lets the pages offer. This only decides what a page shows and enables: Graph checks role × scope on every
 * call, and a change the role does not allow is refused there whatever the page sent.
 */
public enum AdminRole {
    GLOBAL_ADMINISTRATOR("62e90394-69f5-4237-9190-012177145e10", "Global Administrator", EnumSet.allOf(Capability.class)),
    GLOBAL_READER("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader", EnumSet.of(READ_PASSKEY_POLICY, READ_USERS, READ_REPORTS,
            READ_CONDITIONAL_ACCESS)),
    AUTHENTICATION_POLICY_ADMINISTRATOR("0526716b-113d-4c15-b2c8-68e3c22b9f80", "Authentication Policy Administrator",
            EnumSet.of(READ_PASSKEY_POLICY, EDIT_PASSKEY_POLICY, READ_USERS, READ_CONDITIONAL_ACCESS, EDIT_AUTHENTICATION_STRENGTHS)),
    AUTHENTICATION_ADMINISTRATOR("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator",
            EnumSet.of(READ_USERS, MANAGE_AUTHENTICATION_METHODS)),
    PRIVILEGED_AUTHENTICATION_ADMINISTRATOR("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator",
            EnumSet.of(READ_USERS, MANAGE_AUTHENTICATION_METHODS)),
    CONDITIONAL_ACCESS_ADMINISTRATOR("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator",
            EnumSet.of(READ_PASSKEY_POLICY, READ_USERS, READ_CONDITIONAL_ACCESS, EDIT_AUTHENTICATION_STRENGTHS, EDIT_CONDITIONAL_ACCESS)),
    REPORTS_READER("4a5d8f65-41da-4de4-8968-e035b65339cf", "Reports Reader", EnumSet.of(READ_REPORTS)),
    USER_ADMINISTRATOR("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator", EnumSet.of(READ_USERS, ENABLE_USERS, EDIT_USERS, MANAGE_GROUP_MEMBERS, CREATE_GROUPS,
            INVITE_GUESTS));

    /** What a page may offer. */
    public enum Capability {
        READ_PASSKEY_POLICY, EDIT_PASSKEY_POLICY, READ_USERS, ENABLE_USERS, MANAGE_AUTHENTICATION_METHODS, READ_REPORTS,
        /** Authentication strengths and conditional access policies (Policy.Read.All). */
        READ_CONDITIONAL_ACCESS,
        /** Custom authentication strengths (Policy.ReadWrite.AuthenticationMethod or .ConditionalAccess). */
        EDIT_AUTHENTICATION_STRENGTHS,
        /** Conditional access policies (Policy.ReadWrite.ConditionalAccess). */
        EDIT_CONDITIONAL_ACCESS,
        /** Change a user's account name (UPN). */
        EDIT_USERS,
        /** Add and remove group members. */
        MANAGE_GROUP_MEMBERS,
        /** Create security groups (Group.ReadWrite.All). */
        CREATE_GROUPS,
        /** Invite guests (B2B). */
        INVITE_GUESTS
    }

    private final String templateId;
    private final String displayName;
    private final Set<Capability> capabilities;

    AdminRole(String templateId, String displayName, Set<Capability> capabilities) {
        this.templateId = templateId;
        this.displayName = displayName;
        this.capabilities = capabilities;
    }

    public String templateId() {
        return templateId;
    }

    public String displayName() {
        return displayName;
    }

    public boolean allows(Capability capability) {
        return capabilities.contains(capability);
    }

    public static Optional<AdminRole> byTemplateId(String id) {
        return Arrays.stream(values()).filter(r -> r.templateId.equalsIgnoreCase(id)).findFirst();
    }
}
