package io.keyward.server.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Graph {@code authenticationStrengthPolicy} (GRAPH-API.md §3): which combinations of methods a sign-in must use. A
 * built-in strength is read-only; a custom one may restrict its {@code fido2} combination to passkey models
 * ({@link Fido2CombinationConfiguration}).
 *
 * @param allowedCombinations each combination in its canonical text ({@link AuthenticationMode#text})
 */
public record AuthenticationStrength(UUID id, String displayName, String description, PolicyType policyType,
                                     String requirementsSatisfied, List<String> allowedCombinations,
                                     List<Fido2CombinationConfiguration> combinationConfigurations, Instant createdDateTime,
                                     Instant modifiedDateTime) {

    /** Graph {@code authenticationStrengthPolicyType}. */
    public enum PolicyType { builtIn, custom }

    public AuthenticationStrength {
        Objects.requireNonNull(id);
        Objects.requireNonNull(displayName);
        allowedCombinations = List.copyOf(allowedCombinations);
        combinationConfigurations = List.copyOf(combinationConfigurations);
    }

    public boolean builtIn() {
        return policyType == PolicyType.builtIn;
    }

    /** The passkey models this strength's fido2 combination is restricted to; empty when any passkey will do. */
    public Optional<Set<UUID>> allowedPasskeyModels() {
        return combinationConfigurations.stream().map(Fido2CombinationConfiguration::allowedAaguids).findFirst();
    }

    public boolean allows(AuthenticationMode mode) {
        return allowedCombinations.contains(mode.name());
    }

    /**
     * What this sign-in's method is worth here. Keyward's sign-ins are one method each, so a combination is met only
     * when it is that method alone ({@code "password,sms"} is not met by a password); a passkey meets {@code fido2}
     * only if its model is one the combination configuration allows.
     */
    public StrengthResult judge(SignInMethod method) {
        if (!allows(method.mode())) {
            return StrengthResult.singleChallengeRequired;
        }
        if (method.mode() == AuthenticationMode.fido2) {
            Optional<Set<UUID>> models = allowedPasskeyModels();
            if (models.isPresent() && method.aaguid().filter(models.get()::contains).isEmpty()) {
                return StrengthResult.cannotSatisfyDueToCombinationConfiguration;
            }
        }
        return StrengthResult.satisfied;
    }
}
