package io.keyward.server.platform.query;

import java.util.Optional;
import java.util.UUID;

/**
 * One page of a keyset-paged listing: rows ordered by id, starting after {@code after}. Keyset (rather than
 * offset) paging keeps a next link valid while rows are inserted or deleted between requests.
 */
public record PageRequest(Optional<Criterion> filter, Optional<UUID> after, int size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 999;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE);
        }
    }
}
