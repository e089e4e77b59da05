package io.keyward.server.access;

import io.keyward.server.platform.ReasonCode;

import java.util.List;
import java.util.Optional;

/**
 * What conditional access made of one sign-in into one app: every policy's result, the overall
 * {@code conditionalAccessStatus}, and, when an enforced policy was not satisfied, why ({@link #refusal}) and which
 * strengths were not met (so the person can be told which passkeys would do).
 */
public record AccessEvaluation(List<AppliedPolicy> policies, Status status, Optional<ReasonCode> refusal,
                               List<AuthenticationStrength> unmetStrengths) {

    /** Graph {@code conditionalAccessStatus}. */
    public enum Status { success, failure, notApplied }

    public AccessEvaluation {
        policies = List.copyOf(policies);
        unmetStrengths = List.copyOf(unmetStrengths);
    }

    /** No policy was looked at: a sign-in to Keyward's own pages. */
    public static AccessEvaluation none() {
        return new AccessEvaluation(List.of(), Status.notApplied, Optional.empty(), List.of());
    }

    public boolean allowed() {
        return refusal.isEmpty();
    }
}
