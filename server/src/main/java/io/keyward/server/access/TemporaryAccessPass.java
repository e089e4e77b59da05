package io.keyward.server.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A time-limited passcode that lets a user sign in to register a first passkey. Stored hashed. */
@Entity
@Table(name = "temporary_access_pass")
public class TemporaryAccessPass {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "pass_hash", nullable = false)
    private String passHash;

    @Column(name = "start_at", nullable = false)
    private Instant startAt;

    @Column(name = "lifetime_minutes", nullable = false)
    private int lifetimeMinutes;

    @Column(name = "usable_once", nullable = false)
    private boolean usableOnce;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TemporaryAccessPass() {
    }

    public TemporaryAccessPass(UUID id, UUID userId, String passHash, Instant startAt, int lifetimeMinutes,
                               boolean usableOnce, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.passHash = passHash;
        this.startAt = startAt;
        this.lifetimeMinutes = lifetimeMinutes;
        this.usableOnce = usableOnce;
        this.createdAt = createdAt;
    }

    public boolean isUsableAt(Instant now) {
        return !now.isBefore(startAt) && now.isBefore(startAt.plus(Duration.ofMinutes(lifetimeMinutes)))
                && !(usableOnce && usedAt != null);
    }

    public void markUsed(Instant at) {
        this.usedAt = at;
    }

    public UUID id() { return id; }
    public UUID userId() { return userId; }
    public String passHash() { return passHash; }
    public Instant startAt() { return startAt; }
    public int lifetimeMinutes() { return lifetimeMinutes; }
    public boolean usableOnce() { return usableOnce; }
    public Instant createdAt() { return createdAt; }
    public java.util.Optional<Instant> usedAt() { return java.util.Optional.ofNullable(usedAt); }
}
