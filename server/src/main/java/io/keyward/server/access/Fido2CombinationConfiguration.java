package io.keyward.server.access;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Graph {@code fido2CombinationConfiguration} (GRAPH-API.md §3): on a custom strength, the passkey models
 * ({@code allowedAAGUIDs}) that satisfy its {@code fido2} combination. It applies only to {@code ["fido2"]}.
 */
public record Fido2CombinationConfiguration(UUID id, Set<UUID> allowedAaguids) {

    public static final List<String> APPLIES_TO = List.of("fido2");

    public Fido2CombinationConfiguration {
        allowedAaguids = Set.copyOf(allowedAaguids);
    }
}
