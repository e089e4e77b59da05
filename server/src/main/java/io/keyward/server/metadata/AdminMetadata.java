package io.keyward.server.metadata;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Admin-defined metadata for AAGUIDs: model name, attestation roots and trusted attestation keys. Takes precedence
 * over the FIDO MDS entry for the same AAGUID; every change is in the directory audit log.
 */
@ApplicationScoped
public class AdminMetadata {

    @Inject
    MetadataStore store;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Inject
    Clock clock;

    @Inject
    Event<MetadataChanged> changed;

    public List<AdminMetadataStatement> list() {
        return store.adminEntries().stream().map(AdminMetadataEntry::statement).toList();
    }

    public Optional<AdminMetadataStatement> find(UUID aaguid) {
        return store.adminEntry(aaguid).map(AdminMetadataEntry::statement);
    }

    /** Adds metadata for the statement's AAGUID, or replaces what an admin defined for it before. */
    @Transactional
    public AdminMetadataStatement define(AdminMetadataStatement statement, Actor actor) {
        store.lock();
        Optional<AdminMetadataEntry> existing = store.adminEntry(statement.aaguid());
        Optional<AdminMetadataStatement> before = existing.map(AdminMetadataEntry::statement);
        AdminMetadataEntry entry = existing.orElseGet(() -> new AdminMetadataEntry(statement, clock.instant()));
        entry.update(statement, clock.instant());
        store.saveAdmin(entry);
        audit.fire(AuditRecord.of(MetadataAudit.CATEGORY, existing.isPresent() ? "Update authenticator metadata" : "Add authenticator metadata", actor)
                .operation(existing.isPresent() ? "Update" : "Add")
                .target("AuthenticatorMetadata", statement.aaguid(), statement.description())
                .change("description", before.map(AdminMetadataStatement::description).orElse(null), statement.description())
                .change("attestationRootCertificates", before.map(s -> certificateFingerprints(s.attestationRoots())).orElse(null),
                        certificateFingerprints(statement.attestationRoots()))
                .change("trustedAttestationKeys", before.map(s -> keyFingerprints(s.trustedKeys())).orElse(null),
                        keyFingerprints(statement.trustedKeys()))
                .build());
        changed.fire(new MetadataChanged("admin metadata " + statement.aaguid()));
        return statement;
    }

    @Transactional
    public void remove(UUID aaguid, Actor actor) {
        store.lock();
        AdminMetadataEntry entry = store.adminEntry(aaguid).orElseThrow(() -> Refused.notFound("authenticator metadata", aaguid));
        AdminMetadataStatement before = entry.statement();
        store.removeAdmin(entry);
        audit.fire(AuditRecord.of(MetadataAudit.CATEGORY, "Delete authenticator metadata", actor)
                .operation("Delete")
                .target("AuthenticatorMetadata", aaguid, before.description())
                .change("description", before.description(), null)
                .change("attestationRootCertificates", certificateFingerprints(before.attestationRoots()), null)
                .change("trustedAttestationKeys", keyFingerprints(before.trustedKeys()), null)
                .build());
        changed.fire(new MetadataChanged("admin metadata " + aaguid));
    }

    /** SHA-256 fingerprints: what an auditor compares with a certificate, without the certificate itself in the log. */
    private static List<String> certificateFingerprints(List<X509Certificate> certificates) {
        return certificates.stream().map(c -> {
            try {
                return sha256(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("Certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
            }
        }).toList();
    }

    private static List<String> keyFingerprints(List<PublicKey> keys) {
        return keys.stream().map(k -> sha256(k.getEncoded())).toList();
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
