package io.keyward.server.policy;

import io.keyward.server.platform.ReasonCode;

import java.util.Optional;

/** The policy's decisions as pure functions of configuration and facts. Placeholder: only the method state. */
public final class PasskeyPolicyRules {

    private PasskeyPolicyRules() {
    }

    public static Decision registrationDecision(Fido2Configuration configuration, UserFacts user, RegistrationChannel channel,
                                                Optional<AuthenticatorFacts> authenticator) {
        return configuration.enabled() ? Decision.allow()
                : Decision.refuse(ReasonCode.PASSKEY_METHOD_DISABLED, "Passkeys are turned off for this organization.");
    }

    public static Decision signInDecision(Fido2Configuration configuration, UserFacts user, AuthenticatorFacts passkey) {
        return configuration.enabled() ? Decision.allow()
                : Decision.refuse(ReasonCode.PASSKEY_METHOD_DISABLED, "Passkeys are turned off for this organization.");
    }
}
