package io.keyward.server.metadata;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one entry of a FIDO MDS3 BLOB says about an authenticator model: its AAGUID (FIDO2) or attestation
 * certificate key identifiers (U2F), description, status reports and attestation roots (FIDO MDS3 §3.1.1).
 *
 * @param aaguid             the FIDO2 AAGUID, empty for U2F and UAF entries
 * @param keyIdentifiers     lower-case hex {@code attestationCertificateKeyIdentifiers}
 * @param statusReports      the {@code statusReports[].status} values, e.g. {@code FIDO_CERTIFIED_L1}, {@code REVOKED}
 * @param attestationRoots   the metadata statement's {@code attestationRootCertificates}
 */
public record MdsEntry(Optional<UUID> aaguid, Set<String> keyIdentifiers, String description, Set<String> statusReports,
                       List<X509Certificate> attestationRoots) {

    public MdsEntry {
        keyIdentifiers = Set.copyOf(keyIdentifiers);
        statusReports = Set.copyOf(statusReports);
        attestationRoots = List.copyOf(attestationRoots);
    }

    public boolean compromised() {
        return statusReports.stream().anyMatch(AuthenticatorModel.COMPROMISED::contains);
    }
}
