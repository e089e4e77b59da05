package io.keyward.station.enrollment;

import com.yubico.yubikit.core.application.CommandException;
import com.yubico.yubikit.fido.ctap.Config;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocol;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.graph.ProvisioningStatement;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The profile's key settings (minimum PIN length, forced PIN change, always-UV) as this key can take them (CTAP 2.1
 * authenticatorConfig), planned before the passkey is registered, so that Keyward's audit entry states them, and
 * applied right after (a forced PIN change makes the PIN unusable for anything else).
 *
 * @param minPinLength  the minimum PIN length to set, or 0 to leave the key's
 * @param forceChange   ask the key to force a PIN change
 * @param toggleAlwaysUv switch always-UV on
 * @param after         the key's PIN rules once the settings are applied
 */
record KeySettings(int minPinLength, boolean forceChange, boolean toggleAlwaysUv, ProvisioningStatement after) {

    /**
     * @param pinLength the length of the key's PIN (set now or typed): shorter than a new minimum, the key itself
     *                  forces a change (CTAP 2.1 §6.11.4)
     * @param notices   gets a plain-words notice for each step the key cannot do
     */
    static KeySettings plan(EnrollmentProfile profile, KeyFacts facts, int pinLength, List<String> notices) {
        boolean wantsMinLength = profile.minPinLength() > facts.minPinLength();
        boolean wantsAlwaysUv = profile.alwaysUv() && !facts.alwaysUv();
        boolean wantsConfig = wantsMinLength || profile.forcePinChange() || wantsAlwaysUv;
        if (wantsConfig && !(facts.authenticatorConfig() && facts.setMinPinLength())) {
            notices.add("This key cannot " + (profile.forcePinChange() ? "force a PIN change" : "change its PIN rules")
                    + " (no CTAP 2.1 authenticatorConfig); the step was skipped.");
            return new KeySettings(0, false, false, new ProvisioningStatement(false, facts.forcePinChange(),
                    facts.minPinLength(), facts.alwaysUv()));
        }
        boolean forced = profile.forcePinChange() || facts.forcePinChange() || wantsMinLength && pinLength < profile.minPinLength();
        return new KeySettings(wantsMinLength ? profile.minPinLength() : 0, profile.forcePinChange(), wantsAlwaysUv,
                new ProvisioningStatement(false, forced, Math.max(facts.minPinLength(), profile.minPinLength()),
                        facts.alwaysUv() || wantsAlwaysUv));
    }

    ProvisioningStatement statement(boolean pinSet) {
        return new ProvisioningStatement(pinSet, after.pinChangeForced(), after.minimumPinLength(), after.alwaysUv());
    }

    boolean changesTheKey() {
        return minPinLength > 0 || forceChange || toggleAlwaysUv;
    }

    void apply(Ctap2Session session, PinUvAuthProtocol protocol, byte[] configToken) throws IOException, CommandException {
        Config config = new Config(session, protocol, configToken);
        if (toggleAlwaysUv) {
            config.toggleAlwaysUv();
        }
        if (minPinLength > 0 || forceChange) {
            config.setMinPinLength(minPinLength > 0 ? minPinLength : null, null, forceChange ? true : null);
        }
    }

    /** The settings in plain words, for a message. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (minPinLength > 0) {
            parts.add("minimum PIN length " + minPinLength);
        }
        if (forceChange) {
            parts.add("PIN change on first use");
        }
        if (toggleAlwaysUv) {
            parts.add("PIN on every use");
        }
        return String.join(", ", parts);
    }
}
