package io.keyward.server.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A custom authentication strength as stored; the built-in ones are {@link BuiltInStrengths}. */
@Entity
@Table(name = "authentication_strength")
class StoredAuthenticationStrength {

    @Id
    private UUID id;
    @Column(name = "display_name", nullable = false)
    private String displayName;
    @Column
    private String description;
    @Column(name = "allowed_combinations", nullable = false)
    private String allowedCombinations;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    protected StoredAuthenticationStrength() {
    }

    StoredAuthenticationStrength(UUID id, String displayName, String description, List<String> combinations, Instant now) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
        this.allowedCombinations = String.join(";", combinations);
        this.createdAt = now;
        this.modifiedAt = now;
    }

    UUID id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    String description() {
        return description;
    }

    List<String> allowedCombinations() {
        return allowedCombinations.isEmpty() ? List.of() : Arrays.asList(allowedCombinations.split(";"));
    }

    void rename(String displayName) {
        this.displayName = displayName;
    }

    void describe(String description) {
        this.description = description;
    }

    void allow(List<String> combinations) {
        this.allowedCombinations = String.join(";", combinations);
    }

    void modified(Instant at) {
        this.modifiedAt = at;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant modifiedAt() {
        return modifiedAt;
    }
}
