package io.keyward.server.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** A custom strength's {@code fido2CombinationConfiguration} as stored. */
@Entity
@Table(name = "authentication_combination_configuration")
class StoredCombinationConfiguration {

    @Id
    private UUID id;
    @Column(name = "strength_id", nullable = false)
    private UUID strengthId;
    @Column(name = "allowed_aaguids", nullable = false)
    private String allowedAaguids;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredCombinationConfiguration() {
    }

    StoredCombinationConfiguration(UUID id, UUID strengthId, Set<UUID> aaguids, Instant createdAt) {
        this.id = id;
        this.strengthId = strengthId;
        allow(aaguids);
        this.createdAt = createdAt;
    }

    void allow(Set<UUID> aaguids) {
        this.allowedAaguids = new TreeSet<>(aaguids).stream().map(UUID::toString).collect(Collectors.joining(" "));
    }

    UUID strengthId() {
        return strengthId;
    }

    Fido2CombinationConfiguration value() {
        return new Fido2CombinationConfiguration(id, allowedAaguids.isBlank() ? Set.of()
                : Arrays.stream(allowedAaguids.split(" ")).map(UUID::fromString).collect(Collectors.toSet()));
    }
}
