package io.keyward.server.webauthn;

import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import io.keyward.server.platform.LruMaps;
import io.keyward.server.platform.ReasonCode;

import java.util.Map;

/**
 * The credential data (id, AAGUID, COSE public key) of stored passkeys, decoded once per node. Decoding the COSE key
 * from its CBOR is the most expensive step of a sign-in after the signature itself, and a passkey's public key never
 * changes, so this node keeps the decoded form of the passkeys that signed in recently, keyed by the exact stored
 * value: a different stored value is a different entry, so nothing here can go stale.
 */
final class StoredCredentials {

    /** About 1 KB each: at most a few megabytes. */
    static final int CAPACITY = 10_000;

    private static final Map<String, AttestedCredentialData> DECODED = LruMaps.synchronizedLru(CAPACITY);

    private StoredCredentials() {
    }

    /** The credential data of a stored {@code credentialRecord} (base64url of the attested credential data). */
    static AttestedCredentialData decode(String credentialRecord) {
        AttestedCredentialData known = DECODED.get(credentialRecord);
        if (known != null) {
            return known;
        }
        AttestedCredentialData decoded = WebAuthnSupport.CREDENTIAL_DATA.convert(
                Base64Url.decode(credentialRecord, "credentialRecord", ReasonCode.GENERAL_EXCEPTION));
        DECODED.put(credentialRecord, decoded);
        return decoded;
    }
}
