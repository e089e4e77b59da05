package io.keyward.admin;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.List;

/**
 * What saving a change of the passkey policy would do to the passkeys registered today, as Keyward counts it with the
 * sign-in rule ({@code POST /beta/keyward/reports/passkeyLockoutPreview} with the PATCH body, a few aggregate queries
 * however many users there are): passkeys that sign in now and would be refused, users left with none that signs in
 * (locked out), users who keep another, users who keep signing in, and the first {@link #NAMES} account names of each
 * list. Who is included and excluded, each user's passkey profiles (passkey types, key restrictions) and audit-only
 * restrictions are part of it. Used by the passkey policy page, a passkey profile's page and the inventory's allow list.
 */
public record LockoutPreview(long usersWithPasskeys, long passkeysRefused, long usersLockedOutCount, long usersLosingSomeCount,
                             long usersKeepSigningIn, List<String> usersLockedOut, List<String> usersLosingSome) implements Serializable {

    /** How many names of each list the page shows. */
    static final int NAMES = 50;

    public LockoutPreview {
        usersLockedOut = List.copyOf(usersLockedOut);
        usersLosingSome = List.copyOf(usersLosingSome);
    }

    /** Asks Keyward for the preview of this PATCH body (the properties the page would send). */
    static LockoutPreview of(Graph graph, JsonObject fragment) {
        JsonObject answer = graph.send("POST", "beta:/keyward/reports/passkeyLockoutPreview?top=" + NAMES, fragment, null).object();
        return new LockoutPreview(number(answer, "usersWithPasskeys"), number(answer, "passkeysRefused"), number(answer, "usersLockedOut"),
                number(answer, "usersLosingSome"), number(answer, "usersKeepSigningIn"), names(answer, "lockedOut"), names(answer, "losingSome"));
    }

    public boolean locksAnyoneOut() {
        return passkeysRefused > 0;
    }

    /** Locked-out users beyond the names listed ("and N more"). */
    public long moreLockedOut() {
        return Math.max(0, usersLockedOutCount - usersLockedOut.size());
    }

    /** Users keeping another passkey beyond the names listed. */
    public long moreLosingSome() {
        return Math.max(0, usersLosingSomeCount - usersLosingSome.size());
    }

    private static long number(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonNumber n ? n.longValue() : 0;
    }

    private static List<String> names(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v != null && v.getValueType() == JsonValue.ValueType.ARRAY
                ? v.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of();
    }
}
