package io.keyward.admin;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The passkey policy's key restrictions as the admin center previews them (GRAPH-API §1.3): with {@code isEnforced}
 * and not audit-only, an {@code allow} list lets only the listed AAGUIDs sign in, a {@code block} list all but them.
 * Key restrictions apply at sign-in as well as at registration, so a change can lock out passkeys already registered.
 */
public record KeyRestrictions(boolean methodEnabled, boolean enforced, boolean auditOnly, String enforcementType, Set<String> aaguids) {

    public KeyRestrictions {
        aaguids = new TreeSet<>(aaguids.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList());
        if (!"allow".equals(enforcementType) && !"block".equals(enforcementType)) {
            throw new IllegalArgumentException("enforcementType must be allow or block, not " + enforcementType);
        }
    }

    /** Whether a passkey of this model signs in under these settings. */
    public boolean signsIn(String aaguid) {
        if (!methodEnabled) {
            return false;
        }
        if (!enforced || auditOnly) {
            return true;
        }
        boolean listed = aaguids.contains(aaguid.toLowerCase(Locale.ROOT));
        return "allow".equals(enforcementType) == listed;
    }

    /** A user's passkeys, by AAGUID, for the preview. */
    public record UserPasskeys(String userId, String userPrincipalName, List<String> aaguids) {
    }

    /**
     * What a change from {@code current} to {@code next} does to the passkeys registered today: passkeys that sign in
     * now and would be refused; users left with no passkey that signs in (locked out, unless they have another way);
     * users who keep at least one.
     */
    public record Lockout(int passkeysRefused, List<String> usersLockedOut, List<String> usersLosingSome, int usersWithPasskeys) {

        public int usersLockedOutCount() {
            return usersLockedOut.size();
        }

        public boolean locksAnyoneOut() {
            return passkeysRefused > 0;
        }
    }

    public static Lockout preview(KeyRestrictions current, KeyRestrictions next, List<UserPasskeys> users) {
        int refused = 0;
        List<String> lockedOut = new java.util.ArrayList<>();
        List<String> losingSome = new java.util.ArrayList<>();
        int withPasskeys = 0;
        for (UserPasskeys user : users) {
            if (user.aaguids().isEmpty()) {
                continue;
            }
            withPasskeys++;
            long usableNow = user.aaguids().stream().filter(current::signsIn).count();
            long newlyRefused = user.aaguids().stream().filter(a -> current.signsIn(a) && !next.signsIn(a)).count();
            long usableAfter = user.aaguids().stream().filter(next::signsIn).count();
            refused += (int) newlyRefused;
            if (usableNow > 0 && usableAfter == 0) {
                lockedOut.add(user.userPrincipalName());
            } else if (newlyRefused > 0) {
                losingSome.add(user.userPrincipalName());
            }
        }
        return new Lockout(refused, List.copyOf(lockedOut), List.copyOf(losingSome), withPasskeys);
    }
}
