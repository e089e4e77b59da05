package io.keyward.server.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Log entries get them so that
 * ordering by id is ordering by time, which keeps keyset paging and "newest first" the same thing.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static UUID next(Clock clock) {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /**
     * The smallest id {@link #next} can give at {@code at}'s millisecond: every id of a later or equal millisecond is
     * at least this one in the databases' order (unsigned bytes, most significant first).
     */
    public static UUID first(Instant at) {
        return new UUID(at.toEpochMilli() << 16, 0L);
    }

    /** The greatest id {@link #next} can give at {@code at}'s millisecond: every id of an earlier or equal one is at most this one. */
    public static UUID last(Instant at) {
        return new UUID((at.toEpochMilli() << 16) | 0xFFFFL, -1L);
    }
}
