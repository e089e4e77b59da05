package io.keyward.server.policy;

/** What a registration's attestation proved, as judged against the metadata for its AAGUID. */
public enum AttestationTrust {
    /** Attestation format {@code none}: the AAGUID is a claim, nothing proves it. */
    NONE,
    /** Self attestation: signed by the credential key itself. */
    SELF,
    /** A certificate chain that does not lead to a root the metadata trusts for this AAGUID. */
    UNTRUSTED,
    /** A certificate chain (or key) that the metadata trusts for this AAGUID. */
    TRUSTED
}
