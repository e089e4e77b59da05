package io.keyward.server.access;

/**
 * The sign-in log's {@code authenticationStrengthResult} (GRAPH-API.md §3, beta {@code authenticationStrength}):
 * what one sign-in's method was worth to one strength. Keyward uses four of Graph's values: the method is allowed
 * ({@link #satisfied}); it is a passkey and fido2 is allowed, but the strength's combination configuration does not
 * allow its model ({@link #cannotSatisfyDueToCombinationConfiguration}); the method is not allowed at all, so the
 * person must sign in once more with one that is ({@link #singleChallengeRequired}); the policy did not apply
 * ({@link #notSet}).
 */
public enum StrengthResult {
    notSet, satisfied, singleChallengeRequired, cannotSatisfyDueToCombinationConfiguration;

    public boolean met() {
        return this == satisfied;
    }
}
