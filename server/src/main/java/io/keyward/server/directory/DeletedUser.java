package io.keyward.server.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The tombstone of a deleted user: Keyward deletes users for good, and delta clients must still learn they went. */
@Entity
@Table(name = "deleted_directory_user")
public class DeletedUser {

    @Id
    private UUID id;

    @Column(name = "change_seq", nullable = false)
    private long changeSeq;

    @Column(name = "deleted_at", nullable = false)
    private Instant deletedAt;

    protected DeletedUser() {
    }

    DeletedUser(UUID id, long changeSeq, Instant deletedAt) {
        this.id = id;
        this.changeSeq = changeSeq;
        this.deletedAt = deletedAt;
    }

    public UUID id() {
        return id;
    }

    public long changeSequence() {
        return changeSeq;
    }

    public Instant deletedAt() {
        return deletedAt;
    }
}
