package io.keyward.server.audit;

import io.keyward.server.platform.AuditRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row of the directory audit log (Graph {@code directoryAudit}). */
@Entity
@Table(name = "directory_audit")
public class DirectoryAuditEntry {

    @Id
    private UUID id;

    @Column(name = "activity_at", nullable = false)
    private Instant activityAt;

    @Column(nullable = false)
    private String category;

    @Column(nullable = false)
    private String activity;

    @Column(name = "operation_type", nullable = false)
    private String operationType;

    @Column(nullable = false)
    private String result;

    @Column(name = "result_reason")
    private String resultReason;

    @Column(name = "initiated_by_type", nullable = false)
    private String initiatedByType;

    @Column(name = "initiated_by_id")
    private String initiatedById;

    @Column(name = "initiated_by_name")
    private String initiatedByName;

    @Column(name = "target_id")
    private String targetId;

    @Column(name = "target_type")
    private String targetType;

    @Column(name = "target_name")
    private String targetName;

    /** JSON array of {displayName, oldValue, newValue}, each value itself JSON text as in Graph. */
    @Column(name = "modified_properties")
    private String modifiedProperties;

    @Column(name = "correlation_id")
    private String correlationId;

    /** JSON array of {key, value} (Graph additionalDetails); null when there are none. */
    @Column(name = "additional_details")
    private String additionalDetails;

    protected DirectoryAuditEntry() {
    }

    DirectoryAuditEntry(UUID id, Instant activityAt, AuditRecord record, String modifiedPropertiesJson, String additionalDetailsJson) {
        this.id = id;
        this.activityAt = activityAt;
        this.category = record.category();
        this.activity = record.activity();
        this.operationType = record.operationType();
        this.result = record.result();
        // The column holds 256 characters; the API error and the server log keep a refusal's whole message.
        this.resultReason = record.resultReason() == null || record.resultReason().length() <= 256 ? record.resultReason()
                : record.resultReason().substring(0, 255) + "…";
        this.initiatedByType = record.actor().kind().name();
        this.initiatedById = record.actor().id();
        this.initiatedByName = record.actor().displayName();
        this.targetId = record.targetId();
        this.targetType = record.targetType();
        this.targetName = record.targetName();
        this.modifiedProperties = modifiedPropertiesJson;
        this.correlationId = record.correlationId();
        this.additionalDetails = additionalDetailsJson;
    }

    public UUID id() { return id; }
    public Instant activityAt() { return activityAt; }
    public String category() { return category; }
    public String activity() { return activity; }
    public String operationType() { return operationType; }
    public String result() { return result; }
    public String resultReason() { return resultReason; }
    public String initiatedByType() { return initiatedByType; }
    public String initiatedById() { return initiatedById; }
    public String initiatedByName() { return initiatedByName; }
    public String targetId() { return targetId; }
    public String targetType() { return targetType; }
    public String targetName() { return targetName; }
    public String modifiedProperties() { return modifiedProperties; }
    public String correlationId() { return correlationId; }
    public String additionalDetails() { return additionalDetails; }
}
