package io.keyward.server.platform;


import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a change did, as it goes into the directory audit log. Built with {@link #of}. */
public record AuditRecord(String category, String activity, String operationType, String result, String resultReason,
                          Actor actor, String targetId, String targetType, String targetName,
                          List<Change> changes, String correlationId, List<Detail> additionalDetails) {

    public AuditRecord {
        changes = List.copyOf(changes);
        additionalDetails = List.copyOf(additionalDetails);
    }

    /** An entry without additional details. */
    public AuditRecord(String category, String activity, String operationType, String result, String resultReason,
                       Actor actor, String targetId, String targetType, String targetName,
                       List<Change> changes, String correlationId) {
        this(category, activity, operationType, result, resultReason, actor, targetId, targetType, targetName, changes,
                correlationId, List.of());
    }

    /** A property's value before and after the change; null where there was none. */
    public record Change(String property, Object oldValue, Object newValue) {
    }

    /**
     * What the requester stated about the change that is not a property of the changed object (Graph
     * {@code directoryAudit.additionalDetails}, a key and a text value), e.g. how a key was provisioned.
     */
    public record Detail(String key, String value) {
        public Detail {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
        }
    }

    public static Builder of(String category, String activity, Actor actor) {
        return new Builder(category, activity, actor);
    }

    /** Builds an {@link AuditRecord}; the operation type defaults to "Update" and the result to "success". */
    public static final class Builder {
        private final String category;
        private final String activity;
        private final Actor actor;
        private String operationType = "Update";
        private String targetId;
        private String targetType;
        private String targetName;
        private final List<Change> changes = new ArrayList<>();
        private String correlationId;
        private String result = "success";
        private String resultReason;
        private final List<Detail> details = new ArrayList<>();

        private Builder(String category, String activity, Actor actor) {
            this.category = Objects.requireNonNull(category);
            this.activity = Objects.requireNonNull(activity);
            this.actor = Objects.requireNonNull(actor);
        }

        public Builder operation(String type) {
            this.operationType = type;
            return this;
        }

        public Builder target(String type, Object id, String name) {
            this.targetType = type;
            this.targetId = id == null ? null : id.toString();
            this.targetName = name;
            return this;
        }

        /** Records a property change; unchanged values are left out. */
        public Builder change(String property, Object oldValue, Object newValue) {
            if (!Objects.equals(oldValue, newValue)) {
                changes.add(new Change(property, oldValue, newValue));
            }
            return this;
        }

        /** Adds additional details, in order. */
        public Builder details(List<Detail> additionalDetails) {
            details.addAll(additionalDetails);
            return this;
        }

        public Builder correlation(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        /** The activity was refused: result {@code failure}, the reason code and the message the requester was given. */
        public Builder refused(ReasonCode reason, String message) {
            this.result = "failure";
            this.resultReason = reason.code() + ": " + message;
            return this;
        }

        public boolean hasChanges() {
            return !changes.isEmpty();
        }

        public AuditRecord build() {
            return new AuditRecord(category, activity, operationType, result, resultReason, actor,
                    targetId, targetType, targetName, changes, correlationId, details);
        }
    }
}
