package io.keyward.server.metadata;

import io.keyward.server.platform.Refused;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Metadata an admin defines for an AAGUID, typically one the FIDO MDS does not list (a custom or virtual
 * authenticator). It takes precedence over an MDS entry for the same AAGUID for the model name and attestation
 * trust.
 *
 * @param attestationRoots   roots an attestation chain may lead to (PKIX)
 * @param trustedKeys        attestation public keys trusted as such: a chain whose leaf carries one of them is trusted
 *                           whoever issued the leaf (Chrome's virtual authenticator re-issues a self-signed "Batch
 *                           Certificate" per credential with the same key)
 */
public record AdminMetadataStatement(UUID aaguid, String description, List<X509Certificate> attestationRoots,
                                     List<PublicKey> trustedKeys) {

    public static final int MAX_DESCRIPTION = 256;
    public static final UUID ZERO_AAGUID = new UUID(0, 0);

    public AdminMetadataStatement {
        Objects.requireNonNull(aaguid, "aaguid");
        if (ZERO_AAGUID.equals(aaguid)) {
            throw Refused.invalid("The all-zero AAGUID identifies no model (U2F, or attestation 'none'); "
                    + "admin-defined metadata needs the authenticator's own AAGUID.");
        }
        if (description == null || description.isBlank()) {
            throw Refused.invalid("Admin-defined metadata for " + aaguid + " needs a description (the model name).");
        }
        description = description.strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw Refused.invalid("The description is longer than " + MAX_DESCRIPTION + " characters.");
        }
        attestationRoots = List.copyOf(attestationRoots);
        trustedKeys = List.copyOf(trustedKeys);
    }

    /** From the PEM text an admin pastes: certificates for roots; public keys or certificates for trusted keys. */
    public static AdminMetadataStatement fromPem(UUID aaguid, String description, String rootsPem, String trustedKeysPem) {
        return new AdminMetadataStatement(aaguid, description, Pem.certificates(rootsPem), Pem.publicKeys(trustedKeysPem));
    }
}
