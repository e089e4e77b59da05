package io.keyward.server.metadata;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/** Directory audit entries of category "Metadata". */
@ApplicationScoped
public class MetadataAudit {

    public static final String CATEGORY = "Metadata";
    public static final String IMPORT_BLOB = "Import metadata BLOB";

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    /**
     * Records a refused import in a transaction of its own: the import's transaction rolls back, and an attempt to
     * feed Keyward a bad or old BLOB must still leave a trace.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void importRefused(Actor actor, String reason) {
        audit.fire(new AuditRecord(CATEGORY, IMPORT_BLOB, "Update", "failure", reason, actor,
                null, "MetadataBlob", "FIDO MDS3 BLOB", List.of(), null));
    }
}
