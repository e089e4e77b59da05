package io.keyward.server.policy;

import io.keyward.server.platform.ReasonCode;

import java.util.Objects;

/** Why something is refused: a stable reason code and a sentence a person can read. */
public record Refusal(ReasonCode reason, String message) {

    public Refusal {
        Objects.requireNonNull(reason);
        Objects.requireNonNull(message);
    }
}
