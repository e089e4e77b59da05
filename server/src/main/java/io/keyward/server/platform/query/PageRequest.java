package io.keyward.server.platform.query;

import java.util.Optional;
import java.util.UUID;

/**
 * One page of a keyset-paged listing: rows ordered by id (ascending, or descending for logs), starting after
 * {@code after}. Keyset (rather than
 * offset) paging keeps a next link valid while rows are inserted or deleted between requests.
 */
public record PageRequest(Optional<Criterion> filter, Optional<UUID> after, int size, boolean descending) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 999;

    /** Ascending by id: the order of directory objects. */
    public PageRequest(Optional<Criterion> filter, Optional<UUID> after, int size) {
        this(filter, after, size, false);
    }

    /** The same page request, newest first (for logs, whose ids are time-ordered). */
    public PageRequest newestFirst() {
        return new PageRequest(filter, after, size, true);
    }

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE);
        }
    }
}
