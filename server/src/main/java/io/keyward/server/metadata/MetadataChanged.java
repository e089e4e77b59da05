package io.keyward.server.metadata;

/** CDI event: the stored metadata changed (BLOB import, admin-defined metadata); lookups must not use their old copy. */
public record MetadataChanged(String what) {
}
