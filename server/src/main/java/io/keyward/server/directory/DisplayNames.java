package io.keyward.server.directory;

import io.keyward.server.platform.Refused;

/** Display names of users and groups: required, at most 256 characters (Entra limits). */
final class DisplayNames {

    private DisplayNames() {
    }

    static String require(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw Refused.invalid("Property displayName is required and cannot be empty.");
        }
        if (displayName.trim().length() > 256) {
            throw Refused.invalid("Property displayName is longer than 256 characters.");
        }
        return displayName.trim();
    }
}
