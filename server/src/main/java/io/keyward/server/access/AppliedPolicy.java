package io.keyward.server.access;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One policy's part in one sign-in, as the sign-in log's {@code appliedConditionalAccessPolicies[]} shows it: its
 * result, and the strength it asked for with what this sign-in's method was worth to it.
 */
public record AppliedPolicy(UUID id, String displayName, Result result, Optional<AppliedStrength> authenticationStrength) {

    /** Graph {@code appliedConditionalAccessPolicyResult}. */
    public enum Result {
        success, failure, notApplied, notEnabled, reportOnlySuccess, reportOnlyFailure, reportOnlyNotApplied
    }

    /** The sign-in log's {@code authenticationStrength}: which strength, and the result for this sign-in. */
    public record AppliedStrength(UUID authenticationStrengthId, String displayName, StrengthResult authenticationStrengthResult) {
    }

    public AppliedPolicy {
        Objects.requireNonNull(id);
        Objects.requireNonNull(result);
        Objects.requireNonNull(authenticationStrength);
    }
}
