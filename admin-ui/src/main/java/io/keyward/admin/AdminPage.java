package io.keyward.admin;

import java.util.Arrays;
import java.util.List;

import static io.keyward.admin.AdminRole.Capability.READ_CONDITIONAL_ACCESS;
import static io.keyward.admin.AdminRole.Capability.READ_PASSKEY_POLICY;
import static io.keyward.admin.AdminRole.Capability.READ_REPORTS;
import static io.keyward.admin.AdminRole.Capability.READ_USERS;

/**
 * The admin center's pages, in the order of the navigation: the one list both the navigation (the page template) and
 * the dashboard's list of pages are made from. Each shows to the roles that can read what it shows; Graph still checks
 * every call.
 */
public enum AdminPage {
    DASHBOARD("dashboard", "index.xhtml", "Dashboard", "passkey coverage, sign-ins by method and refusals by reason.", null),
    PASSKEY_POLICY("passkey-policy", "passkey-policy.xhtml", "Passkey (FIDO2)",
            "turn passkeys on, choose who may use them and which models, with the lockout preview before saving.", READ_PASSKEY_POLICY),
    PASSKEY_PROFILES("passkey-profiles", "passkey-profiles.xhtml", "Passkey profiles",
            "device-bound or synced passkeys, attestation and models, per group of users.", READ_PASSKEY_POLICY),
    USERS("users", "users.xhtml", "Users", "accounts, account names, passkeys and Temporary Access Passes.", READ_USERS),
    GROUPS("groups", "groups.xhtml", "Groups", "security groups and their members.", READ_USERS),
    GUESTS("guests", "guests.xhtml", "Guests", "guest users and invitations.", READ_USERS),
    INVENTORY("inventory", "inventory.xhtml", "Models in use", "every passkey model (AAGUID) registered or used, and an allow list from it.",
            READ_REPORTS),
    STRENGTHS("strengths", "strengths.xhtml", "Authentication strengths", "which ways of signing in, and which passkey models, a policy can require.",
            READ_CONDITIONAL_ACCESS),
    CONDITIONAL_ACCESS("conditional-access", "ca-policies.xhtml", "Conditional access",
            "who needs which strength for which apps, report-only first.", READ_CONDITIONAL_ACCESS),
    SIGN_INS("sign-ins", "sign-ins.xhtml", "Sign-in log", "every sign-in and refusal, with its reason and the policies applied.", READ_REPORTS),
    AUDIT_LOGS("audit-logs", "audit-logs.xhtml", "Audit log", "every change, with the values before and after.", READ_REPORTS),
    METADATA("metadata", "metadata.xhtml", "Metadata", "the FIDO metadata in use, compromised models, and models you define.", READ_PASSKEY_POLICY);

    private final String id;
    private final String path;
    private final String label;
    private final String purpose;
    private final AdminRole.Capability needs;

    AdminPage(String id, String path, String label, String purpose, AdminRole.Capability needs) {
        this.id = id;
        this.path = path;
        this.label = label;
        this.purpose = purpose;
        this.needs = needs;
    }

    /** The suffix of the navigation link's element id ({@code nav-…}). */
    public String id() {
        return id;
    }

    /** The page's file, relative to the admin center's root. */
    public String path() {
        return path;
    }

    public String label() {
        return label;
    }

    /** What the page is for, in one line (the dashboard's list). */
    public String purpose() {
        return purpose;
    }

    public boolean usableBy(SignedInAdmin admin) {
        return admin != null && admin.isAdmin() && (needs == null || admin.can(needs));
    }

    /** The pages the administrator's roles can use, in navigation order. */
    static List<AdminPage> usableBy(SignedInAdmin admin, boolean includeDashboard) {
        return Arrays.stream(values()).filter(p -> p.usableBy(admin) && (includeDashboard || p != DASHBOARD)).toList();
    }
}
