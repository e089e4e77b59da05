package io.keyward.server.policy;

import io.keyward.server.platform.ReasonCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The passkey policy's decisions as pure functions of the configuration and the facts (DESIGN §3 "Policy").
 * Checks run in a fixed order and the first refusal wins:
 * <ol>
 *   <li>method disabled — {@code passkeyMethodDisabled};</li>
 *   <li>registration only: the user is a B2B guest — {@code guestUserNotSupported} (a guest is not refused at
 *       sign-in: the account's own state and the policy's scope decide there);</li>
 *   <li>sign-in only: the account is disabled — {@code accountDisabled};</li>
 *   <li>not in an include target, or in an exclude target — {@code userNotInPasskeyPolicyScope};</li>
 *   <li>registration only: self-service setup off — {@code selfServiceRegistrationDisabled}, for Security info
 *       and for admin provisioning alike (the cloud's documented known issue);</li>
 *   <li>with an authenticator, against the user's applicable passkey profiles (allowed when <em>any</em>
 *       profile allows it): passkey type — {@code passkeyTypeNotAllowed}; at registration only, attestation
 *       — {@code attestationRequired} / {@code attestationNotTrusted}; key restrictions, at registration and
 *       sign-in — {@code aaguidNotAllowed}, or, in audit-only mode, an allowed decision carrying that refusal.</li>
 * </ol>
 */
public final class PasskeyPolicyRules {

    private PasskeyPolicyRules() {
    }

    /**
     * May this user register a passkey through this channel? Without {@code authenticator} (before the ceremony)
     * only the user-level checks apply; with it, the authenticator's type, attestation and model too.
     */
    public static Decision registrationDecision(Fido2Configuration configuration, UserFacts user, RegistrationChannel channel,
                                                Optional<AuthenticatorFacts> authenticator) {
        if (!configuration.enabled()) {
            return methodDisabled();
        }
        if (user.guest()) {
            return Decision.refuse(ReasonCode.GUEST_USER_NOT_SUPPORTED,
                    "Guest users from other organizations can't register passkeys here. "
                            + "Use the sign-in methods of your own organization.");
        }
        List<PasskeyProfile> profiles = configuration.profilesFor(user);
        if (profiles.isEmpty()) {
            return notInScope();
        }
        if (!configuration.selfServiceRegistrationAllowed()) {
            return channel == RegistrationChannel.SELF_SERVICE
                    ? Decision.refuse(ReasonCode.SELF_SERVICE_REGISTRATION_DISABLED,
                    "Setting up passkeys yourself is turned off for this organization.")
                    : Decision.refuse(ReasonCode.SELF_SERVICE_REGISTRATION_DISABLED,
                    "Passkeys can't be set up on a user's behalf while self-service setup is turned off. "
                            + "Provisioning requires self-service setup to be allowed in the passkey policy "
                            + "(isSelfServiceRegistrationAllowed), as in the cloud service.");
        }
        return authenticator.map(facts -> anyProfileAllows(profiles, facts, true)).orElseGet(Decision::allow);
    }

    /**
     * May this user sign in with this passkey now? Attestation is not looked at (it applies at registration only);
     * the passkey type and key restrictions are, so removing a model from an allow list locks its passkeys out.
     */
    public static Decision signInDecision(Fido2Configuration configuration, UserFacts user, AuthenticatorFacts passkey) {
        if (!configuration.enabled()) {
            return methodDisabled();
        }
        if (!user.accountEnabled()) {
            return Decision.refuse(ReasonCode.ACCOUNT_DISABLED, "This account is disabled. Contact your administrator.");
        }
        List<PasskeyProfile> profiles = configuration.profilesFor(user);
        if (profiles.isEmpty()) {
            return notInScope();
        }
        return anyProfileAllows(profiles, passkey, false);
    }

    /**
     * Allowed if one profile allows outright; otherwise allowed-but-audited if one allows only because its key
     * restrictions are audit-only; otherwise refused with the first applicable profile's reason.
     */
    private static Decision anyProfileAllows(List<PasskeyProfile> profiles, AuthenticatorFacts facts, boolean registration) {
        List<Decision> decisions = new ArrayList<>();
        for (PasskeyProfile profile : profiles) {
            Decision decision = profileDecision(profile, facts, registration);
            if (decision.allowed() && decision.auditOnly().isEmpty()) {
                return decision;
            }
            decisions.add(decision);
        }
        return decisions.stream().filter(Decision::allowed).findFirst().orElse(decisions.get(0));
    }

    private static Decision profileDecision(PasskeyProfile profile, AuthenticatorFacts facts, boolean registration) {
        if (!profile.passkeyTypes().contains(facts.passkeyType())) {
            return facts.passkeyType() == PasskeyType.synced
                    ? Decision.refuse(ReasonCode.PASSKEY_TYPE_NOT_ALLOWED, "Synced passkeys, which are saved in a password "
                    + "manager or cloud account, are not allowed by your organization. Use a passkey that stays on one device, "
                    + "such as a security key.")
                    : Decision.refuse(ReasonCode.PASSKEY_TYPE_NOT_ALLOWED, "Passkeys that stay on one device, such as security "
                    + "keys, are not allowed by your organization. Use a synced passkey.");
        }
        if (registration && profile.attestationEnforced()) {
            switch (facts.attestation()) {
                case NONE, SELF -> {
                    return Decision.refuse(ReasonCode.ATTESTATION_REQUIRED, "This passkey did not prove which make and model "
                            + "it is, and your organization requires that proof. Use a security key or passkey provider that "
                            + "supports attestation (authenticator model AAGUID " + facts.aaguid() + ").");
                }
                case UNTRUSTED -> {
                    return Decision.refuse(ReasonCode.ATTESTATION_NOT_TRUSTED, "Your organization could not confirm who made "
                            + "this passkey, so it can't be registered. Use another security key or passkey provider "
                            + "(authenticator model AAGUID " + facts.aaguid() + ").");
                }
                case TRUSTED -> {
                    // proven: go on to the key restrictions
                }
            }
        }
        KeyRestrictions restrictions = profile.keyRestrictions();
        if (restrictions.refuses(facts.aaguid())) {
            String message = "This make and model of passkey is not allowed by your organization. Use one your "
                    + "organization has approved (authenticator model AAGUID " + facts.aaguid() + ", "
                    + (restrictions.enforcementType() == EnforcementType.allow ? "not on the allow list" : "on the block list") + ").";
            return restrictions.auditOnly()
                    ? Decision.allowButAudit(ReasonCode.AAGUID_NOT_ALLOWED, message)
                    : Decision.refuse(ReasonCode.AAGUID_NOT_ALLOWED, message);
        }
        return Decision.allow();
    }

    private static Decision methodDisabled() {
        return Decision.refuse(ReasonCode.PASSKEY_METHOD_DISABLED, "Passkeys are turned off for this organization.");
    }

    private static Decision notInScope() {
        return Decision.refuse(ReasonCode.USER_NOT_IN_PASSKEY_POLICY_SCOPE,
                "This account is not allowed to use passkeys: the organization's passkey policy does not include it.");
    }
}
