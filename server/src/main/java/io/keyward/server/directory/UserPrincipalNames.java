package io.keyward.server.directory;

import io.keyward.server.platform.Refused;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Rules for user principal names, as in Entra ID: {@code alias@domain}, at most 113 characters, the alias at
 * most 64. Guest UPNs carry {@code #EXT#} before the tenant's domain.
 */
final class UserPrincipalNames {

    private static final Pattern MEMBER = Pattern.compile(
            "[A-Za-z0-9'._\\-!#^~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?)+");
    /** Without '#': a guest UPN carries exactly one {@code #EXT#}, the one forGuest adds. */
    private static final Pattern GUEST_ALIAS = Pattern.compile("[A-Za-z0-9'._\\-!^~]{1,64}");

    private UserPrincipalNames() {
    }

    static String validate(String upn) {
        if (upn == null || upn.isBlank()) {
            throw Refused.invalid("Property userPrincipalName is required.");
        }
        String value = upn.trim();
        if (value.length() > 113 || !MEMBER.matcher(value).matches()) {
            throw Refused.invalid("Property userPrincipalName '" + value + "' is invalid: use alias@domain, letters, digits "
                    + "and ' . - _ ! # ^ ~ in the alias, at most 64 characters before @ and 113 in all.");
        }
        String alias = value.substring(0, value.indexOf('@'));
        if (alias.startsWith(".") || alias.endsWith(".") || alias.contains("..")) {
            throw Refused.invalid("Property userPrincipalName '" + value + "' is invalid: the alias cannot start or end with a dot or contain two dots in a row.");
        }
        return value;
    }

    /**
     * A member's UPN must be in one of the organization's verified domains, as in Entra: a UPN in someone else's
     * domain would pass for one of theirs. Guests' {@code #EXT#} UPNs are in the tenant's own domain.
     */
    static void requireVerifiedDomain(String upn, Collection<String> verifiedDomains) {
        String domain = upn.substring(upn.lastIndexOf('@') + 1);
        if (verifiedDomains.stream().noneMatch(domain::equalsIgnoreCase)) {
            throw Refused.invalid("The domain portion of the userPrincipalName property is invalid: '" + domain
                    + "' is not a verified domain of this organization. Use one of: " + String.join(", ", verifiedDomains) + ".");
        }
    }

    /** {@code jane@fabrikam.com} invited to contoso becomes {@code jane_fabrikam.com#EXT#@contoso.example}. */
    static String forGuest(String email, String tenantDomain) {
        String alias = email.replace('@', '_');
        if (!GUEST_ALIAS.matcher(alias).matches() || alias.length() > 58) {
            alias = alias.replaceAll("[^A-Za-z0-9'._\\-!^~]", "_");
            alias = alias.substring(0, Math.min(alias.length(), 58));
        }
        return alias + "#EXT#@" + tenantDomain;
    }
}
