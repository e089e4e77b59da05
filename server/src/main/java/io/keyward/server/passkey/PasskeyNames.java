package io.keyward.server.passkey;

import io.keyward.server.platform.Refused;

/** Passkey display names: 1 to 30 characters, as Graph clients expect (GRAPH-API.md §2.2, §6). */
public final class PasskeyNames {

    public static final int MAX_LENGTH = 30;

    private PasskeyNames() {
    }

    public static String require(String name) {
        if (name == null || name.isBlank()) {
            throw Refused.invalid("The passkey's display name cannot be empty.");
        }
        String trimmed = name.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw Refused.invalid("The passkey's display name is longer than " + MAX_LENGTH + " characters.");
        }
        return trimmed;
    }

    /** The name a new passkey gets when none is given: its model, cut to the limit. */
    public static String defaultFor(String model) {
        return model.length() > MAX_LENGTH ? model.substring(0, MAX_LENGTH) : model;
    }
}
