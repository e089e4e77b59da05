package io.keyward.station.graph;

/** What Keyward's metadata knows about a key model (GET /keyward/metadata/models/{aaGuid}). */
public record ModelFacts(String aaGuid, String description, boolean compromised) {
}
