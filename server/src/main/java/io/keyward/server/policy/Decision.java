package io.keyward.server.policy;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;

import java.util.Optional;

/**
 * A policy decision: allowed, or refused with a {@link Refusal}. {@code auditOnly} carries the refusal that key
 * restrictions in audit-only mode would have made: the caller logs it and goes on.
 */
public record Decision(Optional<Refusal> refusal, Optional<Refusal> auditOnly) {

    public static Decision allow() {
        return new Decision(Optional.empty(), Optional.empty());
    }

    public static Decision refuse(ReasonCode reason, String message) {
        return new Decision(Optional.of(new Refusal(reason, message)), Optional.empty());
    }

    public static Decision allowButAudit(ReasonCode reason, String message) {
        return new Decision(Optional.empty(), Optional.of(new Refusal(reason, message)));
    }

    public boolean allowed() {
        return refusal.isEmpty();
    }

    /** Throws the refusal as a domain exception, for callers that stop on the first refusal. */
    public void orThrow() {
        refusal.ifPresent(r -> {
            throw new Refused(r.reason(), r.message());
        });
    }
}
