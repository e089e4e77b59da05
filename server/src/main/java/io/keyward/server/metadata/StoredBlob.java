package io.keyward.server.metadata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** The last good FIDO MDS3 BLOB, kept as imported so that it survives restarts and is shared by every node. */
@Entity
@Table(name = "metadata_blob")
public class StoredBlob {

    /** Largest BLOB Keyward stores (the column's length; PostgreSQL's varchar limit). */
    public static final int MAX_JWT_LENGTH = 10_485_760;

    @Id
    @Column(name = "serial_no")
    private int no;

    @Column(name = "next_update", nullable = false)
    private LocalDate nextUpdate;

    @Column(name = "entry_count", nullable = false)
    private int entryCount;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    @Column(name = "imported_by")
    private String importedBy;

    @Column(name = "blob_jwt", nullable = false, length = MAX_JWT_LENGTH)
    private String jwt;

    protected StoredBlob() {
    }

    StoredBlob(VerifiedBlob blob, Instant importedAt, String importedBy) {
        this.no = blob.no();
        this.nextUpdate = blob.nextUpdate();
        this.entryCount = blob.entries().size();
        this.importedAt = importedAt;
        this.importedBy = importedBy;
        this.jwt = blob.jwt();
    }

    public int no() {
        return no;
    }

    public LocalDate nextUpdate() {
        return nextUpdate;
    }

    public int entryCount() {
        return entryCount;
    }

    public Instant importedAt() {
        return importedAt;
    }

    public String importedBy() {
        return importedBy;
    }

    public String jwt() {
        return jwt;
    }
}
