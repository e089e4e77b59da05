package io.keyward.server.passkey;

import io.keyward.server.platform.Refused;

import java.util.Collection;
import java.util.Optional;

/**
 * Passkey display names: 1 to 30 characters, as Graph clients expect (GRAPH-API.md §2.2, §6), and nothing that
 * changes how the text around a name is shown.
 */
public final class PasskeyNames {

    public static final int MAX_LENGTH = 30;

    /** A new passkey from a platform authenticator (Windows Hello, Touch ID, Android) whose model is unknown. */
    public static final String ON_THIS_DEVICE = "Passkey on this device";
    /** A new roaming authenticator (USB, NFC, Bluetooth) whose model is unknown. */
    public static final String SECURITY_KEY = "Security key";
    /** A new passkey saved in a password manager or cloud account whose provider is unknown. */
    public static final String SYNCED = "Synced passkey";

    private PasskeyNames() {
    }

    /**
     * The name as stored: control characters, line and paragraph separators and the Unicode bidirectional
     * embedding, override and isolate controls (UAX #9 §2: U+202A–U+202E, U+2066–U+2069, and the marks U+200E,
     * U+200F, U+061C) are removed, because a name is shown next to other text (a user's list, an administrator's
     * report, the audit log) where an override could make it read as something else. Then trimmed and checked.
     */
    public static String require(String name) {
        String cleaned = name == null ? "" : clean(name).strip();
        if (cleaned.isEmpty()) {
            throw Refused.invalid("The passkey's display name cannot be empty.");
        }
        if (cleaned.length() > MAX_LENGTH) {
            throw Refused.invalid("The passkey's display name is longer than " + MAX_LENGTH + " characters.");
        }
        return cleaned;
    }

    /** The name a new passkey gets when none is given: its model, cut to the limit. */
    public static String defaultFor(String model) {
        return cut(clean(model).strip());
    }

    /**
     * The name a new passkey gets in Security info when the person gives none: the model when the metadata knows it,
     * else what kind of passkey it is; numbered ("Security key 2") when the account already has a passkey of that name,
     * so that two passkeys never look alike in the list.
     */
    public static String forNewPasskey(Optional<String> knownModel, PasskeyKind kind, Collection<String> existingNames) {
        String base = knownModel.map(PasskeyNames::defaultFor).filter(m -> !m.isEmpty()).orElse(switch (kind) {
            case SECURITY_KEY -> SECURITY_KEY;
            case DEVICE -> ON_THIS_DEVICE;
            case SYNCED -> SYNCED;
        });
        if (existingNames.stream().noneMatch(base::equalsIgnoreCase)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String suffix = " " + n;
            String candidate = cut(base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())).strip() + suffix);
            if (existingNames.stream().noneMatch(candidate::equalsIgnoreCase)) {
                return candidate;
            }
        }
    }

    private static String cut(String name) {
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH).strip() : name;
    }

    private static String clean(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().filter(c -> !hidden(c)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C
                || c == 0xFEFF;
    }
}
