package io.keyward.station.simulator;

import com.yubico.yubikit.fido.ctap.Ctap2Session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** One simulated key, its in-memory connection and a yubikit session on it; a movable clock for reset windows. */
final class SimulatedKeyFixture implements AutoCloseable {

    static final AttestationAuthority AUTHORITY = AttestationAuthority.generate("Keyward Test Attestation Root");

    final MovableClock clock = new MovableClock();
    final SimulatedAuthenticator key;
    final InMemoryFidoConnection connection;
    final Ctap2Session session;

    SimulatedKeyFixture(KeyModel model) throws Exception {
        key = new SimulatedAuthenticator(model, AUTHORITY, "T0001", clock);
        connection = new InMemoryFidoConnection(key);
        session = new Ctap2Session(connection);
    }

    @Override
    public void close() throws Exception {
        session.close();
    }

    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
        private final long started = System.nanoTime();
        private volatile Duration skew = Duration.ZERO;

        void advance(Duration duration) {
            skew = skew.plus(duration);
        }

        @Override
        public Instant instant() {
            return now.plusNanos(System.nanoTime() - started).plus(skew);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
