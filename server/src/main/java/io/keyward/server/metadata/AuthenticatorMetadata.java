package io.keyward.server.metadata;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Lookups by AAGUID in the metadata Keyward trusts. */
@ApplicationScoped
public class AuthenticatorMetadata {

    public static final String UNKNOWN_MODEL = "Unknown authenticator";

    public Optional<AuthenticatorModel> find(UUID aaguid) {
        return Optional.empty();
    }

    /** The model's name for display, or "Unknown authenticator". */
    public String modelName(UUID aaguid) {
        return find(aaguid).map(AuthenticatorModel::description).orElse(UNKNOWN_MODEL);
    }

    /**
     * Whether an attestation certificate chain (leaf first) leads to a root the metadata trusts for this AAGUID
     * (for U2F authenticators, whose AAGUID is all zeros, by the leaf's key identifier).
     */
    public boolean trusts(UUID aaguid, List<X509Certificate> attestationChain) {
        return false;
    }
}
