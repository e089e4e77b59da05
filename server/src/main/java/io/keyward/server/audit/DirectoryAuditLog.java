package io.keyward.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import io.keyward.server.platform.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes and reads the directory audit log. {@link #record} joins the caller's transaction, so an entry exists
 * exactly when its change was committed.
 */
@ApplicationScoped
public class DirectoryAuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FILTERABLE = Map.of(
            "activityDateTime", "activityAt",
            "category", "category",
            "activityDisplayName", "activity",
            "result", "result",
            "initiatedBy/app/appId", "initiatedById",
            "initiatedBy/user/id", "initiatedById");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    /** Writes an audited change, raised by any domain, in the transaction of the change itself. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(@Observes AuditRecord record) {
        em.persist(new DirectoryAuditEntry(io.keyward.server.platform.TimeOrderedIds.next(clock), clock.instant(), record, toJson(record),
                details(record)));
    }

    @Transactional
    public Page<DirectoryAuditEntry> list(PageRequest page) {
        return Repositories.page(em, DirectoryAuditEntry.class, FILTERABLE, page);
    }

    @Transactional
    public Optional<DirectoryAuditEntry> find(UUID id) {
        return Optional.ofNullable(em.find(DirectoryAuditEntry.class, id));
    }

    private static String details(AuditRecord record) {
        if (record.additionalDetails().isEmpty()) {
            return null;
        }
        ArrayNode details = JSON.createArrayNode();
        record.additionalDetails().forEach(detail -> details.addObject().put("key", detail.key()).put("value", detail.value()));
        return details.toString();
    }

    private static String toJson(AuditRecord record) {
        ArrayNode changes = JSON.createArrayNode();
        for (AuditRecord.Change change : record.changes()) {
            var node = changes.addObject();
            node.put("displayName", change.property());
            node.put("oldValue", JSON.valueToTree(change.oldValue()).toString());
            node.put("newValue", JSON.valueToTree(change.newValue()).toString());
        }
        return changes.toString();
    }
}
