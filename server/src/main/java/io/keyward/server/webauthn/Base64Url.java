package io.keyward.server.webauthn;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;

import java.util.Base64;

/**
 * Base64url as WebAuthn and Graph use it: written without padding (RFC 4648 §5); read leniently, because some
 * provisioning clients send padding or standard base64 (GRAPH-API.md §7.3).
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes base64url or standard base64, with or without padding; refuses anything else with the field's name. */
    public static byte[] decode(String value, String field, ReasonCode reason) {
        if (value == null || value.isBlank()) {
            throw new Refused(reason, "'" + field + "' is missing.");
        }
        String normalized = value.trim().replace('+', '-').replace('/', '_');
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == '=') {
            end--;
        }
        try {
            return Base64.getUrlDecoder().decode(normalized.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new Refused(reason, "'" + field + "' is not valid base64url.");
        }
    }
}
