package io.keyward.server.passkey;

import java.util.Collection;
import java.util.Locale;

/**
 * What kind of passkey a person holds, as Security info tells them apart: a security key they carry (USB, NFC,
 * Bluetooth), a passkey kept on one device (a platform authenticator such as Windows Hello or Touch ID), or a synced
 * passkey (backup eligible: a password manager or cloud account keeps copies).
 */
public enum PasskeyKind {
    SECURITY_KEY, DEVICE, SYNCED;

    /**
     * From what the browser reported at registration: the backup eligibility flag (WebAuthn L3 §6.1 BE) decides
     * synced; otherwise the transports (§5.8.4, {@code internal} for a platform authenticator) or the attachment
     * ({@code platform} / {@code cross-platform}, §5.4.5) decide between the device and a security key. Unknown
     * transports count as a security key, the kind a provisioning station registers.
     */
    public static PasskeyKind of(boolean backupEligible, Collection<String> transports, String attachment) {
        if (backupEligible) {
            return SYNCED;
        }
        boolean internal = transports.stream().map(t -> t.toLowerCase(Locale.ROOT)).anyMatch("internal"::equals);
        return internal || "platform".equals(attachment) ? DEVICE : SECURITY_KEY;
    }

    /** The Graph-style name of the kind in JSON: {@code securityKey}, {@code device}, {@code synced}. */
    public String json() {
        return switch (this) {
            case SECURITY_KEY -> "securityKey";
            case DEVICE -> "device";
            case SYNCED -> "synced";
        };
    }
}
