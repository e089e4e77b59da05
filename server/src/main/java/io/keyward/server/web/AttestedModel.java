package io.keyward.server.web;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import io.keyward.server.platform.Refused;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * What a registration response claims about its authenticator — the AAGUID and the backup eligibility flag in the
 * authenticator data (WebAuthn L3 §6.1, §6.5.1) — read before the ceremony verifies it, only to word things for a
 * person: the name a new passkey gets and the model a refusal names. Nothing here is trusted; {@code Registrations}
 * verifies the response and stores what it verified.
 */
record AttestedModel(UUID aaguid, boolean backupEligible) {

    private static final AttestationObjectConverter CONVERTER = new AttestationObjectConverter(new ObjectConverter());

    /** The claims of a base64url attestation object, or empty when it cannot be read (the ceremony then refuses it). */
    static Optional<AttestedModel> peek(Optional<String> attestationObject) {
        try {
            return attestationObject.map(b64 -> CONVERTER.convert(Base64.getUrlDecoder().decode(b64)))
                    .map(AttestationObject::getAuthenticatorData)
                    .filter(data -> data.getAttestedCredentialData() != null)
                    .map(data -> new AttestedModel(data.getAttestedCredentialData().getAaguid().getValue(), data.isFlagBE()));
        } catch (RuntimeException unreadable) {
            // Malformed CBOR or base64 of any kind: the ceremony names what is wrong; there is nothing to word here.
            return Optional.empty();
        }
    }

    /**
     * The policy's refusals about an authenticator name its AAGUID, which is for administrators and logs (they keep it);
     * a person reads the model's name instead. Other refusals pass unchanged.
     */
    static Refused reworded(Refused refused, Optional<String> model) {
        String which = model.map(m -> m + " passkeys").orElse("this make and model of passkey");
        String words = switch (refused.reason()) {
            case AAGUID_NOT_ALLOWED -> "Your organization does not allow " + which + ". Use a passkey or security key your organization has approved.";
            case ATTESTATION_REQUIRED -> "Your organization requires proof of which make and model a passkey is, and this one gave none. "
                    + "Use a security key your organization has approved.";
            case ATTESTATION_NOT_TRUSTED -> "Your organization could not confirm who made " + model.orElse("this passkey")
                    + ", so it can't be added. Use a security key your organization has approved.";
            case AUTHENTICATOR_COMPROMISED -> "The maker of " + model.orElse("this kind of security key")
                    + " reported it compromised, so it can't be added. Use another one.";
            default -> null;
        };
        return words == null ? refused : new Refused(refused.reason(), words);
    }
}
