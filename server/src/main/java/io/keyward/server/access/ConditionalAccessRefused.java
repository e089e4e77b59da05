package io.keyward.server.access;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;

import java.util.List;

/**
 * A sign-in refused by conditional access ({@code blockedByConditionalAccess} or {@code authenticationStrengthNotMet});
 * already in the sign-in log. Names the passkey models that would satisfy the app, when a strength restricts them, so
 * that the sign-in page can ask for one of them.
 */
public class ConditionalAccessRefused extends Refused {

    private final transient List<String> qualifyingModels;

    public ConditionalAccessRefused(ReasonCode reason, String message, List<String> qualifyingModels) {
        super(reason, message);
        this.qualifyingModels = List.copyOf(qualifyingModels);
    }

    public List<String> qualifyingModels() {
        return qualifyingModels;
    }
}
