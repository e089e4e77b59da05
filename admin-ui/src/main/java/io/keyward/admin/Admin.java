package io.keyward.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

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

/** The signed-in administrator for the pages ({@code #{admin}}): name, roles and what the pages may offer them. */
@Named
@RequestScoped
public class Admin {

    @Inject
    HttpServletRequest request;

    private SignedInAdmin current() {
        Object admin = request.getAttribute(AdminRoleFilter.ADMIN);
        return admin instanceof SignedInAdmin a ? a : SignedInAdmin.of(request).orElse(null);
    }

    /** The navigation: the pages the roles can use. */
    public List<AdminPage> getPages() {
        return AdminPage.usableBy(current(), true);
    }

    /** The dashboard's list: the other pages the roles can use. */
    public List<AdminPage> getOtherPages() {
        return AdminPage.usableBy(current(), false);
    }

    public boolean isSignedIn() {
        return current() != null;
    }

    public String getName() {
        return current() == null ? "" : current().name();
    }

    public String getUserPrincipalName() {
        return current() == null ? "" : current().userPrincipalName();
    }

    public String getRoles() {
        return current() == null ? "" : current().roleNames();
    }

    public boolean isCanReadPolicy() {
        return current() != null && current().can(READ_PASSKEY_POLICY);
    }

    public boolean isCanEditPolicy() {
        return current() != null && current().can(EDIT_PASSKEY_POLICY);
    }

    public boolean isCanReadUsers() {
        return current() != null && current().can(READ_USERS);
    }

    public boolean isCanEnableUsers() {
        return current() != null && current().can(ENABLE_USERS);
    }

    public boolean isCanManageMethods() {
        return current() != null && current().can(MANAGE_AUTHENTICATION_METHODS);
    }

    public boolean isCanReadReports() {
        return current() != null && current().can(READ_REPORTS);
    }

    public boolean isCanReadConditionalAccess() {
        return current() != null && current().can(READ_CONDITIONAL_ACCESS);
    }

    public boolean isCanEditStrengths() {
        return current() != null && current().can(EDIT_AUTHENTICATION_STRENGTHS);
    }

    public boolean isCanEditConditionalAccess() {
        return current() != null && current().can(EDIT_CONDITIONAL_ACCESS);
    }

    public boolean isCanEditUsers() {
        return current() != null && current().can(EDIT_USERS);
    }

    public boolean isCanManageGroupMembers() {
        return current() != null && current().can(MANAGE_GROUP_MEMBERS);
    }

    public boolean isCanCreateGroups() {
        return current() != null && current().can(CREATE_GROUPS);
    }

    public boolean isCanInviteGuests() {
        return current() != null && current().can(INVITE_GUESTS);
    }
}
