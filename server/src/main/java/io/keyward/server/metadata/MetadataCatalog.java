package io.keyward.server.metadata;

import io.keyward.server.platform.Refused;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything Keyward knows about authenticator models at one moment: the last good FIDO MDS3 BLOB and the
 * admin-defined metadata, indexed for lookups by AAGUID and U2F key identifier. Immutable; a change makes a new
 * catalog, so a refused import leaves the current one exactly as it was.
 */
public final class MetadataCatalog {

    public static final MetadataCatalog EMPTY = new MetadataCatalog(Optional.empty(), List.of());

    private final Optional<VerifiedBlob> blob;
    private final Map<UUID, MdsEntry> mdsByAaguid;
    private final Map<String, List<MdsEntry>> mdsByKeyIdentifier;
    private final Map<UUID, AdminMetadataStatement> admin;

    private MetadataCatalog(Optional<VerifiedBlob> blob, Collection<AdminMetadataStatement> admin) {
        this.blob = blob;
        List<MdsEntry> entries = blob.map(VerifiedBlob::entries).orElse(List.of());
        this.mdsByAaguid = entries.stream().filter(e -> e.aaguid().isPresent())
                .collect(Collectors.toUnmodifiableMap(e -> e.aaguid().get(), Function.identity(), (first, second) -> first));
        this.mdsByKeyIdentifier = entries.stream()
                .flatMap(e -> e.keyIdentifiers().stream().map(id -> Map.entry(id, e)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toUnmodifiableList())));
        this.admin = admin.stream().collect(Collectors.toUnmodifiableMap(AdminMetadataStatement::aaguid, Function.identity()));
    }

    public static MetadataCatalog of(Optional<VerifiedBlob> blob, Collection<AdminMetadataStatement> admin) {
        return new MetadataCatalog(blob, admin);
    }

    public Optional<VerifiedBlob> blob() {
        return blob;
    }

    public Collection<AdminMetadataStatement> adminStatements() {
        return admin.values();
    }

    /**
     * This catalog with {@code next} as its BLOB. Refused unless {@code next} has a greater serial number than the
     * current BLOB: FIDO MDS3 §3.2 has a relying party ignore a BLOB whose {@code no} is less than or equal to the
     * one it has, so an old (replayed) BLOB can never undo a newer one, e.g. a revocation.
     */
    public MetadataCatalog withBlob(VerifiedBlob next) {
        if (blob.isPresent() && next.no() <= blob.get().no()) {
            throw Refused.invalid("The metadata BLOB is number " + next.no() + ", not newer than the current one (number "
                    + blob.get().no() + "); it was not applied.");
        }
        return new MetadataCatalog(Optional.of(next), admin.values());
    }

    public MetadataCatalog withAdminStatements(Collection<AdminMetadataStatement> statements) {
        return new MetadataCatalog(blob, statements);
    }

    /** AAGUIDs that {@code next} reports compromised and this catalog's BLOB did not: their passkeys need flagging. */
    public Set<UUID> newlyCompromisedBy(VerifiedBlob next) {
        Set<UUID> newly = new HashSet<>(next.compromisedAaguids());
        blob.ifPresent(current -> newly.removeAll(current.compromisedAaguids()));
        return Set.copyOf(newly);
    }

    /**
     * The model for this AAGUID: an admin-defined description takes precedence over the MDS one; MDS status reports
     * always apply, so admin-defined metadata never hides a FIDO revocation.
     */
    public Optional<AuthenticatorModel> find(UUID aaguid) {
        Optional<MdsEntry> mds = Optional.ofNullable(mdsByAaguid.get(aaguid));
        Set<String> statuses = mds.map(MdsEntry::statusReports).orElse(Set.of());
        AdminMetadataStatement defined = admin.get(aaguid);
        if (defined != null) {
            return Optional.of(new AuthenticatorModel(aaguid, defined.description(), statuses));
        }
        return mds.map(entry -> new AuthenticatorModel(aaguid, entry.description(), statuses));
    }

    /**
     * Whether an attestation chain (leaf first) is trusted for this AAGUID at the given time:
     * <ul>
     *   <li>admin-defined metadata for the AAGUID: the chain leads to one of its roots, or the leaf carries one of
     *       its trusted keys (MDS roots for that AAGUID are then not consulted);</li>
     *   <li>else the MDS entry for the AAGUID: the chain leads to one of its {@code attestationRootCertificates};</li>
     *   <li>the all-zero AAGUID (U2F): an MDS entry lists the leaf's key identifier and the chain leads to one of
     *       that entry's roots.</li>
     * </ul>
     */
    public boolean trusts(UUID aaguid, List<X509Certificate> chainLeafFirst, Instant at) {
        if (chainLeafFirst.isEmpty()) {
            return false;
        }
        AdminMetadataStatement defined = admin.get(aaguid);
        if (defined != null) {
            return AttestationChains.leafKeyIsOneOf(chainLeafFirst, defined.trustedKeys())
                    || AttestationChains.chainsTo(chainLeafFirst, defined.attestationRoots(), at);
        }
        if (AdminMetadataStatement.ZERO_AAGUID.equals(aaguid)) {
            String keyIdentifier = AttestationChains.keyIdentifier(chainLeafFirst.get(0));
            return mdsByKeyIdentifier.getOrDefault(keyIdentifier, List.of()).stream()
                    .anyMatch(entry -> AttestationChains.chainsTo(chainLeafFirst, entry.attestationRoots(), at));
        }
        MdsEntry entry = mdsByAaguid.get(aaguid);
        return entry != null && AttestationChains.chainsTo(chainLeafFirst, entry.attestationRoots(), at);
    }
}
