package io.keyward.server.web;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FloodGateTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void anAddressPastItsBurstIsRefusedWithTheTimeUntilItsNextToken() {
        FloodGate gate = new FloodGate(10, 60, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(gate.admit("198.51.100.7")).as("request " + i).isEmpty();
        }

        Optional<FloodGate.Refusal> refused = gate.admit("198.51.100.7");

        assertThat(refused).isPresent();
        assertThat(refused.get().retryAfter()).as("60 a minute: one a second").isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.get().firstOfEpisode()).isTrue();
        assertThat(gate.admit("198.51.100.7").orElseThrow().firstOfEpisode()).as("logged once per episode").isFalse();
    }

    @Test
    void anotherAddressIsUnaffected() {
        FloodGate gate = new FloodGate(3, 60, clock);
        for (int i = 0; i < 5; i++) {
            gate.admit("198.51.100.7");
        }

        assertThat(gate.admit("198.51.100.7")).isPresent();
        assertThat(gate.admit("203.0.113.9")).isEmpty();
    }

    @Test
    void theBucketRefillsWithTime() {
        FloodGate gate = new FloodGate(3, 60, clock);
        for (int i = 0; i < 3; i++) {
            gate.admit("198.51.100.7");
        }
        assertThat(gate.admit("198.51.100.7")).isPresent();

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(gate.admit("198.51.100.7")).isEmpty();
        assertThat(gate.admit("198.51.100.7")).isEmpty();
        assertThat(gate.admit("198.51.100.7")).isPresent();
    }

    @Test
    void successfulSignInsGiveTheirRequestsBackSoAnyNumberOfThemIsNeverRefused() {
        FloodGate gate = new FloodGate(4, 1, clock);
        for (int signIn = 0; signIn < 1_000; signIn++) {
            assertThat(gate.admit("192.0.2.1")).as("options of sign-in " + signIn).isEmpty();
            assertThat(gate.admit("192.0.2.1")).as("finish of sign-in " + signIn).isEmpty();
            gate.refund("192.0.2.1", 2);
        }

        assertThat(gate.available("192.0.2.1")).isEqualTo(4);
    }

    @Test
    void refundsNeverRaiseABucketAboveItsBurst() {
        FloodGate gate = new FloodGate(4, 1, clock);
        gate.admit("192.0.2.1");
        gate.refund("192.0.2.1", 50);

        assertThat(gate.available("192.0.2.1")).isEqualTo(4);
    }
}
