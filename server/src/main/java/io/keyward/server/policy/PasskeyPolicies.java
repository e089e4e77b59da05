package io.keyward.server.policy;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.GroupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The passkey policy as the other domains ask it: loads the current FIDO2 configuration and applies the pure
 * rules of {@link PasskeyPolicyRules}.
 */
@ApplicationScoped
public class PasskeyPolicies {

    @Inject
    GroupService groups;

    @Inject
    Fido2Configurations configurations;

    /** The facts about a user that policy decisions need. B2B guests are {@code userType} Guest or invited. */
    public UserFacts factsFor(DirectoryUser user) {
        return new UserFacts(user.id(), user.isGuestOrExternal(), user.accountEnabled(), groups.transitiveGroupIds(user.id()));
    }

    /**
     * May this user register a passkey through this channel? Called before the ceremony (no authenticator yet)
     * and again with the authenticator's facts once its response is verified.
     */
    public Decision registrationDecision(UserFacts user, RegistrationChannel channel, Optional<AuthenticatorFacts> authenticator) {
        return PasskeyPolicyRules.registrationDecision(configurations.current(), user, channel, authenticator);
    }

    /** May this user sign in with this passkey now? Key restrictions apply at every sign-in; attestation does not. */
    public Decision signInDecision(UserFacts user, AuthenticatorFacts passkey) {
        return PasskeyPolicyRules.signInDecision(configurations.current(), user, passkey);
    }

    /**
     * The sign-in decision against the configuration in force, read once: the user's group memberships are read only
     * when that configuration names a group, so that a sign-in under an everyone-policy costs no group query.
     */
    public Decision signInDecision(DirectoryUser user, AuthenticatorFacts passkey) {
        Fido2Configuration configuration = configurations.current();
        UserFacts facts = configuration.namesGroups() ? factsFor(user)
                : new UserFacts(user.id(), user.isGuestOrExternal(), user.accountEnabled(), java.util.Set.of());
        return PasskeyPolicyRules.signInDecision(configuration, facts, passkey);
    }
}
