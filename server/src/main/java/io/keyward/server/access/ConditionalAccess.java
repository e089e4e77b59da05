package io.keyward.server.access;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.GroupService;
import io.keyward.server.directory.UserService;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.metadata.AuthenticatorModel;
import io.keyward.server.platform.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Conditional access at sign-in (DESIGN §4): when a person signs into an app, the policies for that user and app
 * are evaluated against this sign-in's method ({@link ConditionalAccessRules}); the outcome goes into the sign-in
 * log through the attempt, and an enforced failure refuses the sign-in with words that say what would do. Keyward's
 * own pages (Security info, where people register the passkey a policy asks for) are not an app policies target.
 */
@ApplicationScoped
public class ConditionalAccess {

    /** How the sign-in log names a sign-in that reused an earlier one (Entra's wording). */
    static final String PREVIOUSLY_SATISFIED = "Previously satisfied";

    @Inject
    ConditionalAccessPolicies policies;

    @Inject
    AuthenticationStrengths strengths;

    @Inject
    UserService users;

    @Inject
    GroupService groups;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    Event<SignInAttempted> attempts;

    /** Every policy's result for this user signing into the channel's app with {@code method}. */
    public AccessEvaluation evaluate(DirectoryUser user, SignInChannel channel, SignInMethod method) {
        if (SignInChannel.KEYWARD_APP_ID.equals(channel.appId())) {
            return AccessEvaluation.none();
        }
        List<ConditionalAccessPolicy> all = policies.active();
        if (all.isEmpty()) {
            return AccessEvaluation.none();
        }
        AccessSubject subject = new AccessSubject(user.id(), user.isGuestOrExternal(), groups.transitiveGroupIds(user.id()), users.directoryRoles(user.id()));
        return ConditionalAccessRules.evaluate(all, strengths::find, subject, channel.appId(), method);
    }

    /**
     * For a sign-in ceremony: evaluates, puts the outcome on the attempt, and when an enforced policy is not met logs
     * the refused attempt and throws {@link ConditionalAccessRefused}. The caller logs the success.
     */
    public void enforce(SignInAttempted.Builder attempt, DirectoryUser user, SignInChannel channel, SignInMethod method) {
        AccessEvaluation evaluation = evaluate(user, channel, method);
        attempt.conditionalAccess(evaluation);
        Optional<ConditionalAccessRefused> refusal = refusal(evaluation, channel, method);
        if (refusal.isPresent()) {
            attempts.fire(attempt.refused(refusal.get().reason(), refusal.get().getMessage()));
            throw refusal.get();
        }
    }

    /**
     * For an app reached with an existing sign-in (single sign-on): the earlier sign-in's method is judged for this
     * app. A refusal, or a result any policy reported, is logged as a sign-in that reused the earlier one.
     */
    public Optional<ConditionalAccessRefused> judgeExistingSignIn(DirectoryUser user, SignInChannel channel, SignInMethod method) {
        AccessEvaluation evaluation = evaluate(user, channel, method);
        Optional<ConditionalAccessRefused> refusal = refusal(evaluation, channel, method);
        boolean reported = evaluation.policies().stream().anyMatch(p -> p.result() != AppliedPolicy.Result.notApplied
                && p.result() != AppliedPolicy.Result.notEnabled && p.result() != AppliedPolicy.Result.reportOnlyNotApplied);
        if (refusal.isPresent() || reported) {
            SignInAttempted.Builder attempt = SignInAttempted.of(channel, methodName(method)).user(user).methodDetail(PREVIOUSLY_SATISFIED)
                    .conditionalAccess(evaluation);
            method.aaguid().ifPresent(aaguid -> attempt.credential(aaguid, null));
            attempts.fire(refusal.map(r -> attempt.refused(r.reason(), r.getMessage())).orElseGet(attempt::succeeded));
        }
        return refusal;
    }

    /**
     * What this app's policies would refuse of a sign-in with {@code method}, without logging anything: for telling the
     * person what the app needs before they try (the sign-in page after single sign-on fell short).
     */
    public Optional<ConditionalAccessRefused> wouldRefuse(DirectoryUser user, SignInChannel channel, SignInMethod method) {
        return refusal(evaluate(user, channel, method), channel, method);
    }

    /** The refusal an evaluation makes, in words that tell the person what would do. */
    Optional<ConditionalAccessRefused> refusal(AccessEvaluation evaluation, SignInChannel channel, SignInMethod method) {
        if (evaluation.refusal().isEmpty()) {
            return Optional.empty();
        }
        if (evaluation.refusal().get() == ReasonCode.BLOCKED_BY_CONDITIONAL_ACCESS) {
            return Optional.of(new ConditionalAccessRefused(ReasonCode.BLOCKED_BY_CONDITIONAL_ACCESS, "Your organization does not let you sign in to "
                    + channel.appDisplayName() + ". Contact your administrator if you need it.", List.of()));
        }
        AuthenticationStrength strength = evaluation.unmetStrengths().isEmpty() ? BuiltInStrengths.PHISHING_RESISTANT : evaluation.unmetStrengths().get(0);
        List<String> models = strength.allows(AuthenticationMode.fido2)
                ? strength.allowedPasskeyModels().map(this::modelNames).orElse(List.of()) : List.of();
        String asked = channel.appDisplayName() + " needs a stronger sign-in than " + methodWords(method) + ".";
        String remedy;
        if (strength.allows(AuthenticationMode.fido2) && !models.isEmpty()) {
            remedy = " Sign in again with a passkey of one of these models: " + String.join(", ", models) + ".";
        } else if (strength.allows(AuthenticationMode.fido2)) {
            remedy = " Sign in again with a passkey.";
        } else {
            List<String> usable = new ArrayList<>();
            if (strength.allows(AuthenticationMode.temporaryAccessPassOneTime) || strength.allows(AuthenticationMode.temporaryAccessPassMultiUse)) {
                usable.add("a Temporary Access Pass");
            }
            if (strength.allows(AuthenticationMode.password)) {
                usable.add("your password");
            }
            remedy = usable.isEmpty() ? " None of the ways to sign in that it accepts is available here; contact your administrator."
                    : " Sign in again with " + String.join(" or ", usable) + ".";
        }
        return Optional.of(new ConditionalAccessRefused(ReasonCode.AUTHENTICATION_STRENGTH_NOT_MET, asked + remedy
                + " (Required: " + strength.displayName() + ".)", models));
    }

    private List<String> modelNames(Set<UUID> aaguids) {
        return aaguids.stream().map(a -> metadata.find(a).map(AuthenticatorModel::description).orElse("model " + a)).sorted().toList();
    }

    private String methodWords(SignInMethod method) {
        return switch (method.mode()) {
            case fido2 -> method.aaguid().flatMap(metadata::find).map(m -> "this passkey (" + m.description() + ")").orElse("this passkey");
            case password -> "a password";
            case temporaryAccessPassOneTime, temporaryAccessPassMultiUse -> "a Temporary Access Pass";
            default -> "this sign-in";
        };
    }

    private static String methodName(SignInMethod method) {
        return switch (method.mode()) {
            case fido2 -> "Passkey";
            case password -> "Password";
            case temporaryAccessPassOneTime, temporaryAccessPassMultiUse -> "Temporary Access Pass";
            default -> method.mode().name();
        };
    }
}
