package io.keyward.server.web;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.metadata.AuthenticatorModel;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.policy.AttestationTrust;
import io.keyward.server.policy.AuthenticatorFacts;
import io.keyward.server.policy.Decision;
import io.keyward.server.policy.PasskeyPolicies;
import io.keyward.server.policy.PasskeyType;
import io.keyward.server.policy.RegistrationChannel;
import io.keyward.server.policy.UserFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * What Security info tells a person up front, before they click anything: whether each passkey can sign them in now
 * and, if not, why in plain words; and whether they may add one. The decisions are the domain's — the policy's
 * {@code signInDecision} and {@code registrationDecision}, the metadata's compromise reports, the clone flag — asked the
 * same way the ceremonies ask them; this class only orders them and words them for people (model names, no AAGUIDs).
 */
@ApplicationScoped
public class PasskeyStanding {

    /** A passkey's state in Security info, most serious first: one that is flagged or blocked cannot sign in. */
    public enum State {
        FLAGGED("flagged"), BLOCKED("blocked"), PREVIOUS_USER_NAME("previousUserName"), USABLE("usable");

        final String json;

        State(String json) {
            this.json = json;
        }
    }

    /** The state, the reason code behind it (empty when usable), and the sentence shown. */
    public record Standing(State state, Optional<String> reason, String message) {
    }

    /** Whether "Add a passkey" is offered, and if not, the reason code and the sentence shown instead. */
    public record AddAvailability(boolean available, Optional<ReasonCode> reason, String message) {
    }

    @Inject
    PasskeyPolicies policies;

    @Inject
    AuthenticatorMetadata metadata;

    public Standing of(Passkey passkey, DirectoryUser owner, UserFacts facts) {
        Optional<String> model = knownModel(passkey);
        if (passkey.suspectReason().isPresent()) {
            String reason = passkey.suspectReason().get();
            return new Standing(State.FLAGGED, Optional.of(reason),
                    reason.equals(ReasonCode.AUTHENTICATOR_COMPROMISED.code())
                            ? "Flagged: the maker of " + model.orElse("this kind of security key") + " reported it compromised. "
                            + "It cannot sign you in. Add another passkey, then delete this one."
                            : "Flagged as a possible copy: its signature counter went backwards. It cannot sign you in. "
                            + "Delete it and tell your administrator.");
        }
        Optional<AuthenticatorModel> compromised = metadata.find(passkey.aaguid()).filter(AuthenticatorModel::compromised)
                .filter(m -> metadata.blocksCompromisedAtSignIn());
        if (compromised.isPresent()) {
            return new Standing(State.BLOCKED, Optional.of(ReasonCode.AUTHENTICATOR_COMPROMISED.code()), "The maker of "
                    + compromised.get().description() + " reported it compromised, so it cannot sign you in. Add another passkey, then delete this one.");
        }
        // Attestation is judged at registration only, so it does not matter here (as in Authentications).
        Decision decision = policies.signInDecision(facts, new AuthenticatorFacts(passkey.aaguid(), passkey.passkeyType(), AttestationTrust.NONE));
        if (decision.refusal().isPresent()) {
            ReasonCode reason = decision.refusal().get().reason();
            return new Standing(State.BLOCKED, Optional.of(reason.code()), blockedWords(reason, passkey.passkeyType(), model)
                    .orElse(decision.refusal().get().message()));
        }
        if (passkey.registeredUnderPreviousUpn(owner.userPrincipalName())) {
            return new Standing(State.PREVIOUS_USER_NAME, Optional.empty(), "Registered under your previous user name ("
                    + passkey.registeredUpn() + "). It still signs you in; your security key may show the old name.");
        }
        return new Standing(State.USABLE, Optional.empty(), "Can sign you in.");
    }

    /** Asked before the ceremony, without an authenticator: the checks about the person, as the options request makes them. */
    public AddAvailability addAvailability(UserFacts facts) {
        Decision decision = policies.registrationDecision(facts, RegistrationChannel.SELF_SERVICE, Optional.empty());
        return decision.refusal().map(r -> new AddAvailability(false, Optional.of(r.reason()), switch (r.reason()) {
            case PASSKEY_METHOD_DISABLED -> "You can't add a passkey: your organization has turned passkeys off.";
            case GUEST_USER_NOT_SUPPORTED -> "You can't add a passkey here: you are a guest from another organization. "
                    + "Use the sign-in methods of your own organization.";
            case USER_NOT_IN_PASSKEY_POLICY_SCOPE -> "You can't add a passkey: your organization's passkey policy does not include your account.";
            case SELF_SERVICE_REGISTRATION_DISABLED -> "You can't add a passkey yourself: your organization has turned that off. "
                    + "Ask your administrator or help desk to set one up for you.";
            default -> r.message();
        })).orElseGet(() -> new AddAvailability(true, Optional.empty(), "You can add a passkey."));
    }

    /** The model's name when the metadata knows it. */
    public Optional<String> knownModel(Passkey passkey) {
        return metadata.find(passkey.aaguid()).map(AuthenticatorModel::description);
    }

    private static Optional<String> blockedWords(ReasonCode reason, PasskeyType type, Optional<String> model) {
        return Optional.ofNullable(switch (reason) {
            case PASSKEY_METHOD_DISABLED -> "Your organization has turned passkeys off, so this passkey cannot sign you in.";
            case USER_NOT_IN_PASSKEY_POLICY_SCOPE -> "Your organization's passkey policy does not include your account, "
                    + "so this passkey cannot sign you in.";
            case AAGUID_NOT_ALLOWED -> "Your organization does not allow " + model.map(m -> m + " passkeys").orElse("this make and model of passkey")
                    + ", so this one cannot sign you in.";
            case PASSKEY_TYPE_NOT_ALLOWED -> type == PasskeyType.synced
                    ? "Your organization does not allow synced passkeys, so this one cannot sign you in."
                    : "Your organization does not allow passkeys that stay on one device, so this one cannot sign you in.";
            case ACCOUNT_DISABLED -> "Your account is disabled, so this passkey cannot sign you in.";
            default -> null;
        });
    }
}
