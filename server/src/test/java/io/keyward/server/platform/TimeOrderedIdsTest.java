package io.keyward.server.platform;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7WithTheRfcVariant() {
        UUID id = TimeOrderedIds.next(Clock.systemUTC());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void aLaterMillisecondGivesAGreaterIdInTheDatabasesByteOrder() {
        Clock earlier = Clock.fixed(Instant.parse("2026-11-25T09:00:00.000Z"), ZoneOffset.UTC);
        Clock later = Clock.fixed(Instant.parse("2026-11-25T09:00:00.001Z"), ZoneOffset.UTC);

        for (int i = 0; i < 1000; i++) {
            UUID a = TimeOrderedIds.next(earlier);
            UUID b = TimeOrderedIds.next(later);
            // PostgreSQL and H2 compare uuid values as unsigned bytes: most significant bits first.
            assertThat(Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits())).isNegative();
        }
    }

    @Test
    void theTimestampIsTheFirst48Bits() {
        Instant at = Instant.parse("2026-11-25T09:00:00.123Z");

        UUID id = TimeOrderedIds.next(Clock.fixed(at, ZoneOffset.UTC));

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void firstAndLastBoundEveryIdOfTheirMillisecondAndNoneOfTheNeighbours() {
        Instant at = Instant.parse("2026-11-25T09:00:00.123Z");
        UUID first = TimeOrderedIds.first(at);
        UUID last = TimeOrderedIds.last(at);

        for (int i = 0; i < 1000; i++) {
            UUID same = TimeOrderedIds.next(Clock.fixed(at, ZoneOffset.UTC));
            assertThat(unsignedCompare(first, same)).isNegative();
            assertThat(unsignedCompare(same, last)).isNegative();
            assertThat(unsignedCompare(TimeOrderedIds.next(Clock.fixed(at.minusMillis(1), ZoneOffset.UTC)), first)).isNegative();
            assertThat(unsignedCompare(last, TimeOrderedIds.next(Clock.fixed(at.plusMillis(1), ZoneOffset.UTC)))).isNegative();
        }
    }

    /** The order PostgreSQL and H2 give uuid values: unsigned bytes, most significant first. */
    private static int unsignedCompare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
