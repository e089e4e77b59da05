package io.keyward.server.access;

import io.keyward.server.platform.ReasonCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Conditional access as pure decisions (DESIGN §4): for one sign-in of one subject into one app with one method,
 * every policy's result and whether the sign-in may go on. The rules:
 * <ul>
 *   <li>a {@code disabled} policy is ignored ({@code notEnabled});</li>
 *   <li>a policy applies when the subject is included (all users, the user, a guest under
 *       {@code GuestsOrExternalUsers}, a member of an included group, directly or nested, or a holder of an included
 *       role) and not excluded by any of the same, and the app is included ({@code All} or its id) and not excluded;</li>
 *   <li>an applying policy that blocks fails; one that asks for a strength succeeds only if this sign-in's method
 *       satisfies the strength ({@link AuthenticationStrength#judge});</li>
 *   <li>a report-only policy ({@code enabledForReportingButNotEnforced}) gets the {@code reportOnly…} result and never
 *       refuses; an enforced failure refuses the sign-in, a block before an unmet strength.</li>
 * </ul>
 */
public final class ConditionalAccessRules {

    private ConditionalAccessRules() {
    }

    public static AccessEvaluation evaluate(Collection<ConditionalAccessPolicy> policies,
                                            Function<UUID, Optional<AuthenticationStrength>> strengths,
                                            AccessSubject subject, String appId, SignInMethod method) {
        List<ConditionalAccessPolicy> ordered = new ArrayList<>(policies);
        ordered.sort(Comparator.comparing((ConditionalAccessPolicy p) -> String.valueOf(p.displayName())).thenComparing(ConditionalAccessPolicy::id));
        List<AppliedPolicy> applied = new ArrayList<>();
        List<AuthenticationStrength> unmet = new ArrayList<>();
        boolean blocked = false;
        boolean failed = false;
        boolean succeeded = false;
        for (ConditionalAccessPolicy policy : ordered) {
            Optional<AuthenticationStrength> strength = policy.grant().authenticationStrengthId().flatMap(strengths);
            boolean reportOnly = policy.state() == ConditionalAccessPolicy.State.enabledForReportingButNotEnforced;
            if (policy.state() == ConditionalAccessPolicy.State.disabled) {
                applied.add(new AppliedPolicy(policy.id(), policy.displayName(), AppliedPolicy.Result.notEnabled, notSet(policy, strength)));
                continue;
            }
            if (!appliesTo(policy, subject, appId)) {
                applied.add(new AppliedPolicy(policy.id(), policy.displayName(),
                        reportOnly ? AppliedPolicy.Result.reportOnlyNotApplied : AppliedPolicy.Result.notApplied, notSet(policy, strength)));
                continue;
            }
            boolean satisfied;
            Optional<AppliedPolicy.AppliedStrength> strengthResult = Optional.empty();
            if (policy.grant().block()) {
                satisfied = false;
            } else {
                StrengthResult result = strength.map(s -> s.judge(method)).orElse(StrengthResult.notSet);
                satisfied = result.met();
                strengthResult = Optional.of(new AppliedPolicy.AppliedStrength(policy.grant().authenticationStrengthId().orElseThrow(),
                        strength.map(AuthenticationStrength::displayName).orElse(null), result));
            }
            AppliedPolicy.Result result = reportOnly
                    ? (satisfied ? AppliedPolicy.Result.reportOnlySuccess : AppliedPolicy.Result.reportOnlyFailure)
                    : (satisfied ? AppliedPolicy.Result.success : AppliedPolicy.Result.failure);
            applied.add(new AppliedPolicy(policy.id(), policy.displayName(), result, strengthResult));
            if (!reportOnly) {
                succeeded |= satisfied;
                failed |= !satisfied;
                blocked |= policy.grant().block();
                if (!satisfied && strength.isPresent() && !unmet.contains(strength.get())) {
                    unmet.add(strength.get());
                }
            }
        }
        AccessEvaluation.Status status = failed ? AccessEvaluation.Status.failure
                : succeeded ? AccessEvaluation.Status.success : AccessEvaluation.Status.notApplied;
        Optional<ReasonCode> refusal = blocked ? Optional.of(ReasonCode.BLOCKED_BY_CONDITIONAL_ACCESS)
                : failed ? Optional.of(ReasonCode.AUTHENTICATION_STRENGTH_NOT_MET) : Optional.empty();
        return new AccessEvaluation(applied, status, refusal, unmet);
    }

    /** Whether the policy's users and applications conditions cover this subject signing into this app. */
    public static boolean appliesTo(ConditionalAccessPolicy policy, AccessSubject subject, String appId) {
        ConditionalAccessPolicy.Users users = policy.users();
        boolean included = users.includeUsers().contains(ConditionalAccessPolicy.ALL)
                || names(users.includeUsers(), subject)
                || !Collections.disjoint(users.includeGroups(), subject.groupIds())
                || !Collections.disjoint(users.includeRoles(), subject.roleTemplateIds());
        boolean excluded = names(users.excludeUsers(), subject)
                || !Collections.disjoint(users.excludeGroups(), subject.groupIds())
                || !Collections.disjoint(users.excludeRoles(), subject.roleTemplateIds());
        ConditionalAccessPolicy.Applications apps = policy.applications();
        boolean appIncluded = apps.includeApplications().contains(ConditionalAccessPolicy.ALL) || containsIgnoringCase(apps.includeApplications(), appId);
        boolean appExcluded = containsIgnoringCase(apps.excludeApplications(), appId);
        return included && !excluded && appIncluded && !appExcluded;
    }

    private static boolean names(Set<String> entries, AccessSubject subject) {
        return containsIgnoringCase(entries, subject.userId().toString())
                || (subject.guest() && entries.contains(ConditionalAccessPolicy.GUESTS_OR_EXTERNAL_USERS));
    }

    private static boolean containsIgnoringCase(Set<String> entries, String value) {
        return entries.stream().anyMatch(e -> e.equalsIgnoreCase(value));
    }

    private static Optional<AppliedPolicy.AppliedStrength> notSet(ConditionalAccessPolicy policy, Optional<AuthenticationStrength> strength) {
        return policy.grant().authenticationStrengthId().map(id -> new AppliedPolicy.AppliedStrength(id,
                strength.map(AuthenticationStrength::displayName).orElse(null), StrengthResult.notSet));
    }
}
