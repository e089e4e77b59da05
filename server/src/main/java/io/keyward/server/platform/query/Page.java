package io.keyward.server.platform.query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A page of rows and the id to continue after, when more rows follow. */
public record Page<T>(List<T> items, Optional<UUID> continueAfter) {
}
