package io.keyward.server.metadata;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Imports FIDO MDS3 BLOBs: verified offline against the configured root ({@code keyward.metadata.root-certificate},
 * by default the FIDO Alliance's), accepted only when newer than the last good one, which is kept otherwise.
 * Every import, accepted or refused, is in the directory audit log.
 */
@ApplicationScoped
public class MetadataBlobs {

    @Inject
    MetadataStore store;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Inject
    MetadataAudit refusals;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<MetadataChanged> changed;

    private volatile Mds3BlobVerifier verifier;

    /**
     * Verifies and applies a BLOB (the compact JWS as downloaded from the FIDO Alliance).
     *
     * @throws Refused ({@code invalidRequest}) when the signature or its chain does not verify, the BLOB is not newer
     *                 than the current one, or it is not an MDS3 BLOB at all; nothing is applied then
     */
    @Transactional
    public BlobImport importBlob(byte[] blob, Actor actor) {
        try {
            return apply(blob, actor);
        } catch (Refused refused) {
            refusals.importRefused(actor, refused.getMessage());
            throw refused;
        }
    }

    /** {@link #importBlob(byte[], Actor)} for a BLOB file on the server. */
    @Transactional
    public BlobImport importBlob(Path file, Actor actor) {
        byte[] blob;
        try {
            blob = Files.readAllBytes(file);
        } catch (IOException e) {
            throw Refused.invalid("Cannot read the metadata BLOB file " + file + ": " + e.getMessage());
        }
        return importBlob(blob, actor);
    }

    /** The last good BLOB: serial number, next update, entry count, when and by whom it was imported. */
    public Optional<StoredBlob> current() {
        return store.currentBlob();
    }

    private BlobImport apply(byte[] blob, Actor actor) {
        if (blob.length > StoredBlob.MAX_JWT_LENGTH) {
            throw Refused.invalid("The metadata BLOB is larger than " + StoredBlob.MAX_JWT_LENGTH + " bytes.");
        }
        VerifiedBlob verified = verifier().verify(blob);
        store.lock();
        MetadataCatalog current = metadata.catalogAt(store.currentBlob());
        MetadataCatalog next = current.withBlob(verified);
        Set<UUID> newlyCompromised = current.newlyCompromisedBy(verified);
        Instant now = clock.instant();
        store.replaceBlob(new StoredBlob(verified, now, actor.displayName() != null ? actor.displayName() : actor.id()));
        Optional<Integer> previousNo = current.blob().map(VerifiedBlob::no);
        audit.fire(AuditRecord.of(MetadataAudit.CATEGORY, MetadataAudit.IMPORT_BLOB, actor)
                .target("MetadataBlob", verified.no(), "FIDO MDS3 BLOB")
                .change("no", previousNo.orElse(null), verified.no())
                .change("nextUpdate", current.blob().map(b -> b.nextUpdate().toString()).orElse(null), verified.nextUpdate().toString())
                .change("entryCount", current.blob().map(b -> b.entries().size()).orElse(null), verified.entries().size())
                .change("newlyCompromisedAaguids", null, newlyCompromised.isEmpty() ? null : new TreeSet<>(newlyCompromised).stream().map(UUID::toString).toList())
                .build());
        changed.fire(new MetadataChanged("BLOB " + next.blob().map(VerifiedBlob::no).orElseThrow()));
        return new BlobImport(verified.no(), verified.nextUpdate(), verified.entries().size(), now, previousNo, newlyCompromised);
    }

    private Mds3BlobVerifier verifier() {
        Mds3BlobVerifier v = verifier;
        if (v == null) {
            v = Mds3BlobVerifier.forRoot(config.metadataRootCertificate());
            verifier = v;
        }
        return v;
    }
}
