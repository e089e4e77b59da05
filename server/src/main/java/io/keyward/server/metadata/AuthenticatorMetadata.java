package io.keyward.server.metadata;

import io.keyward.server.platform.KeywardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Lookups by AAGUID in the metadata Keyward trusts: the last good FIDO MDS3 BLOB and admin-defined metadata.
 * Answers come from an in-memory {@link MetadataCatalog}; a change on this node replaces it at once, a change on
 * another node within {@link #STALENESS_CHECK} (one read of the metadata revision).
 */
@ApplicationScoped
public class AuthenticatorMetadata {

    public static final String UNKNOWN_MODEL = "Unknown authenticator";

    /** How long this node answers from its copy before checking whether another node changed the metadata. */
    static final Duration STALENESS_CHECK = Duration.ofSeconds(30);

    @Inject
    MetadataStore store;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    private record Copy(MetadataCatalog catalog, String revision, Instant checkedAt) {
    }

    private volatile Copy copy;
    private volatile VerifiedBlob parsedBlob;

    public Optional<AuthenticatorModel> find(UUID aaguid) {
        return catalog().find(aaguid);
    }

    /** The model's name for display, or "Unknown authenticator". */
    public String modelName(UUID aaguid) {
        return find(aaguid).map(AuthenticatorModel::description).orElse(UNKNOWN_MODEL);
    }

    /**
     * Whether an attestation certificate chain (leaf first) leads to a root the metadata trusts for this AAGUID
     * (for U2F authenticators, whose AAGUID is all zeros, by the leaf's key identifier), or its leaf carries an
     * attestation key an admin trusts for this AAGUID. See {@link MetadataCatalog#trusts}.
     */
    public boolean trusts(UUID aaguid, List<X509Certificate> attestationChain) {
        return catalog().trusts(aaguid, attestationChain, clock.instant());
    }

    /**
     * Whether passkeys of a compromised model ({@link AuthenticatorModel#compromised()}) are refused at sign-in, not
     * only at registration (setting {@code keyward.metadata.block-compromised-at-sign-in}, default true).
     */
    public boolean blocksCompromisedAtSignIn() {
        return config.blocksCompromisedAtSignIn();
    }

    /** AAGUIDs the current BLOB reports compromised. */
    public Set<UUID> compromisedAaguids() {
        return catalog().blob().map(VerifiedBlob::compromisedAaguids).orElse(Set.of());
    }

    /** Forgets this node's copy once a metadata change has committed. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) MetadataChanged change) {
        copy = null;
    }

    /** The catalog for this stored BLOB and the stored admin metadata (in the caller's transaction, if any). */
    public MetadataCatalog catalogAt(Optional<StoredBlob> stored) {
        return MetadataCatalog.of(stored.map(this::parsed), adminStatements());
    }

    private MetadataCatalog catalog() {
        Instant now = clock.instant();
        Copy current = copy;
        if (current != null && current.checkedAt().plus(STALENESS_CHECK).isAfter(now)) {
            return current.catalog();
        }
        synchronized (this) {
            current = copy;
            if (current != null && current.checkedAt().plus(STALENESS_CHECK).isAfter(now)) {
                return current.catalog();
            }
            String revision = store.revision();
            if (current != null && current.revision().equals(revision)) {
                copy = new Copy(current.catalog(), revision, now);
                return current.catalog();
            }
            Optional<Integer> no = store.currentBlobNo();
            VerifiedBlob known = parsedBlob;
            Optional<VerifiedBlob> blob = no.isPresent() && known != null && known.no() == no.get()
                    ? Optional.of(known)
                    : store.currentBlob().map(this::parsed);
            MetadataCatalog catalog = MetadataCatalog.of(blob, adminStatements());
            copy = new Copy(catalog, revision, now);
            return catalog;
        }
    }

    /** The stored BLOB, parsed once per node (a full MDS3 BLOB is several megabytes). */
    private VerifiedBlob parsed(StoredBlob stored) {
        VerifiedBlob known = parsedBlob;
        if (known != null && known.no() == stored.no()) {
            return known;
        }
        VerifiedBlob blob = Mds3BlobVerifier.readStored(stored.jwt());
        parsedBlob = blob;
        return blob;
    }

    private List<AdminMetadataStatement> adminStatements() {
        return store.adminEntries().stream().map(AdminMetadataEntry::statement).toList();
    }
}
