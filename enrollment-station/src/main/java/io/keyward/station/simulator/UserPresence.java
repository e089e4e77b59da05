package io.keyward.station.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the simulated person treats the key's blinking light: touches it after a delay, or never.
 *
 * @param touchDelay how long after the key asks for a touch it gets one; empty: never (the key times out)
 */
public record UserPresence(Optional<Duration> touchDelay) {

    public UserPresence {
        Objects.requireNonNull(touchDelay, "touchDelay");
    }

    public static UserPresence immediately() {
        return new UserPresence(Optional.of(Duration.ZERO));
    }

    public static UserPresence after(Duration delay) {
        return new UserPresence(Optional.of(delay));
    }

    public static UserPresence never() {
        return new UserPresence(Optional.empty());
    }
}
