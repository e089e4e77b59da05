package io.keyward.server.access;

import io.keyward.server.platform.ReasonCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication strengths and conditional access over the whole combination space, each cell checked against an
 * oracle that states the rules on their own (which methods each strength accepts, who and which app a policy
 * targets, what each state does), plus hand-written rows that pin the oracle.
 */
class ConditionalAccessRulesTest {

    static final UUID USER = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID GROUP = UUID.fromString("22222222-2222-2222-2222-222222222222");
    static final UUID PARENT_GROUP = UUID.fromString("33333333-3333-3333-3333-333333333333");
    static final UUID OTHER_GROUP = UUID.fromString("44444444-4444-4444-4444-444444444444");
    static final String ROLE = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";
    static final String APP = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String OTHER_APP = "aaaaaaaa-0000-0000-0000-000000000002";
    static final UUID ALLOWED_MODEL = UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8");
    static final UUID OTHER_MODEL = UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a");
    static final UUID POLICY = UUID.fromString("99999999-9999-9999-9999-999999999999");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    enum Strength { MULTIFACTOR, PASSWORDLESS, PHISHING_RESISTANT, CUSTOM_FIDO2, CUSTOM_FIDO2_ALLOWED_MODELS, CUSTOM_PASSWORD_OR_ONE_TIME_PASS, BLOCK }

    enum Method { PASSKEY_ALLOWED_MODEL, PASSKEY_OTHER_MODEL, PASSWORD, TAP_ONE_TIME, TAP_MULTI_USE }

    enum Users { ALL_USERS, THE_USER, GROUP, NESTED_GROUP, ROLE, GUESTS, NOT_INCLUDED, EXCLUDED_USER, EXCLUDED_GROUP, EXCLUDED_GUESTS, NONE }

    enum Apps { ALL_APPS, THIS_APP, OTHER_APP, EXCLUDED_APP }

    record Cell(Strength strength, Method method, ConditionalAccessPolicy.State state, Users users, Apps apps, boolean guest) {
    }

    record Outcome(AppliedPolicy.Result result, Optional<StrengthResult> strengthResult, AccessEvaluation.Status status,
                   Optional<ReasonCode> refusal) {
    }

    static final AuthenticationStrength CUSTOM_FIDO2 = custom("Any passkey", List.of("fido2"), List.of());
    static final AuthenticationStrength CUSTOM_MODELS = custom("Approved keys", List.of("fido2"),
            List.of(new Fido2CombinationConfiguration(UUID.randomUUID(), Set.of(ALLOWED_MODEL))));
    static final AuthenticationStrength CUSTOM_SECRETS = custom("Secrets", List.of("password", "temporaryAccessPassOneTime"), List.of());

    @Test
    void everyCombinationDecidesAsTheRulesSay() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Strength strength : Strength.values()) {
            for (Method method : Method.values()) {
                for (ConditionalAccessPolicy.State state : ConditionalAccessPolicy.State.values()) {
                    for (Users users : Users.values()) {
                        for (Apps apps : Apps.values()) {
                            for (boolean guest : new boolean[]{false, true}) {
                                Cell cell = new Cell(strength, method, state, users, apps, guest);
                                cells++;
                                Outcome expected = oracle(cell);
                                Outcome actual = decide(cell);
                                if (!expected.equals(actual) && wrong.size() < 20) {
                                    wrong.add(cell + " expected " + expected + " but was " + actual);
                                }
                            }
                        }
                    }
                }
            }
        }

        assertThat(cells).isEqualTo(7 * 5 * 3 * 11 * 4 * 2);
        assertThat(wrong).isEmpty();
    }

    /** The rules, each stated on its own. */
    static Outcome oracle(Cell c) {
        if (c.state() == ConditionalAccessPolicy.State.disabled) {
            return new Outcome(AppliedPolicy.Result.notEnabled, strengthShown(c, StrengthResult.notSet), AccessEvaluation.Status.notApplied, Optional.empty());
        }
        boolean reportOnly = c.state() == ConditionalAccessPolicy.State.enabledForReportingButNotEnforced;
        boolean userTargeted = switch (c.users()) {
            case ALL_USERS, THE_USER, GROUP, NESTED_GROUP, ROLE -> true;
            case GUESTS -> c.guest();
            case NOT_INCLUDED, EXCLUDED_USER, EXCLUDED_GROUP, NONE -> false;
            case EXCLUDED_GUESTS -> !c.guest();
        };
        boolean appTargeted = c.apps() == Apps.ALL_APPS || c.apps() == Apps.THIS_APP;
        if (!userTargeted || !appTargeted) {
            return new Outcome(reportOnly ? AppliedPolicy.Result.reportOnlyNotApplied : AppliedPolicy.Result.notApplied,
                    strengthShown(c, StrengthResult.notSet), AccessEvaluation.Status.notApplied, Optional.empty());
        }
        boolean passkey = c.method() == Method.PASSKEY_ALLOWED_MODEL || c.method() == Method.PASSKEY_OTHER_MODEL;
        StrengthResult judged = switch (c.strength()) {
            case BLOCK -> null;
            case MULTIFACTOR -> passkey || c.method() == Method.TAP_ONE_TIME || c.method() == Method.TAP_MULTI_USE
                    ? StrengthResult.satisfied : StrengthResult.singleChallengeRequired;
            case PASSWORDLESS, PHISHING_RESISTANT, CUSTOM_FIDO2 -> passkey ? StrengthResult.satisfied : StrengthResult.singleChallengeRequired;
            case CUSTOM_FIDO2_ALLOWED_MODELS -> c.method() == Method.PASSKEY_ALLOWED_MODEL ? StrengthResult.satisfied
                    : c.method() == Method.PASSKEY_OTHER_MODEL ? StrengthResult.cannotSatisfyDueToCombinationConfiguration
                    : StrengthResult.singleChallengeRequired;
            case CUSTOM_PASSWORD_OR_ONE_TIME_PASS -> c.method() == Method.PASSWORD || c.method() == Method.TAP_ONE_TIME
                    ? StrengthResult.satisfied : StrengthResult.singleChallengeRequired;
        };
        boolean satisfied = judged == StrengthResult.satisfied;
        if (reportOnly) {
            return new Outcome(satisfied ? AppliedPolicy.Result.reportOnlySuccess : AppliedPolicy.Result.reportOnlyFailure,
                    Optional.ofNullable(judged), AccessEvaluation.Status.notApplied, Optional.empty());
        }
        Optional<ReasonCode> refusal = c.strength() == Strength.BLOCK ? Optional.of(ReasonCode.BLOCKED_BY_CONDITIONAL_ACCESS)
                : satisfied ? Optional.empty() : Optional.of(ReasonCode.AUTHENTICATION_STRENGTH_NOT_MET);
        return new Outcome(satisfied ? AppliedPolicy.Result.success : AppliedPolicy.Result.failure, Optional.ofNullable(judged),
                satisfied ? AccessEvaluation.Status.success : AccessEvaluation.Status.failure, refusal);
    }

    private static Optional<StrengthResult> strengthShown(Cell c, StrengthResult result) {
        return c.strength() == Strength.BLOCK ? Optional.empty() : Optional.of(result);
    }

    static Outcome decide(Cell c) {
        AccessEvaluation evaluation = ConditionalAccessRules.evaluate(List.of(policy(c)), strengths(), subject(c), APP, method(c.method()));
        assertThat(evaluation.policies()).hasSize(1);
        AppliedPolicy applied = evaluation.policies().get(0);
        return new Outcome(applied.result(), applied.authenticationStrength().map(AppliedPolicy.AppliedStrength::authenticationStrengthResult),
                evaluation.status(), evaluation.refusal());
    }

    @Test
    void aBlockWinsOverAStrengthAndReportOnlyFailuresNeverRefuse() {
        AccessSubject subject = new AccessSubject(USER, false, Set.of(), Set.of());
        ConditionalAccessPolicy block = policy(POLICY, "Block", ConditionalAccessPolicy.State.enabled, ConditionalAccessPolicy.Grant.blockAccess());
        ConditionalAccessPolicy strength = policy(UUID.randomUUID(), "Keys", ConditionalAccessPolicy.State.enabled,
                ConditionalAccessPolicy.Grant.strength(CUSTOM_MODELS.id()));
        ConditionalAccessPolicy reportOnly = policy(UUID.randomUUID(), "Report", ConditionalAccessPolicy.State.enabledForReportingButNotEnforced,
                ConditionalAccessPolicy.Grant.strength(BuiltInStrengths.PHISHING_RESISTANT.id()));

        AccessEvaluation both = ConditionalAccessRules.evaluate(List.of(strength, block), strengths(), subject, APP, SignInMethod.password());
        AccessEvaluation reported = ConditionalAccessRules.evaluate(List.of(reportOnly, policy(UUID.randomUUID(), "Any",
                ConditionalAccessPolicy.State.enabled, ConditionalAccessPolicy.Grant.strength(BuiltInStrengths.MULTIFACTOR.id()))),
                strengths(), subject, APP, SignInMethod.temporaryAccessPass(true));

        assertThat(both.refusal()).contains(ReasonCode.BLOCKED_BY_CONDITIONAL_ACCESS);
        assertThat(both.unmetStrengths()).containsExactly(CUSTOM_MODELS);
        assertThat(both.policies()).extracting(AppliedPolicy::displayName).containsExactly("Block", "Keys");
        assertThat(reported.refusal()).isEmpty();
        assertThat(reported.status()).isEqualTo(AccessEvaluation.Status.success);
        assertThat(reported.policies()).extracting(AppliedPolicy::result)
                .containsExactly(AppliedPolicy.Result.success, AppliedPolicy.Result.reportOnlyFailure);
    }

    @Test
    void thePinnedRowsOfTheOracle() {
        assertThat(CUSTOM_MODELS.judge(SignInMethod.passkey(ALLOWED_MODEL))).isEqualTo(StrengthResult.satisfied);
        assertThat(CUSTOM_MODELS.judge(SignInMethod.passkey(OTHER_MODEL))).isEqualTo(StrengthResult.cannotSatisfyDueToCombinationConfiguration);
        assertThat(CUSTOM_MODELS.judge(SignInMethod.passkey(null))).isEqualTo(StrengthResult.cannotSatisfyDueToCombinationConfiguration);
        assertThat(BuiltInStrengths.PHISHING_RESISTANT.judge(SignInMethod.password())).isEqualTo(StrengthResult.singleChallengeRequired);
        assertThat(BuiltInStrengths.PHISHING_RESISTANT.judge(SignInMethod.temporaryAccessPass(true))).isEqualTo(StrengthResult.singleChallengeRequired);
        assertThat(BuiltInStrengths.MULTIFACTOR.judge(SignInMethod.password())).as("password alone is not password,sms").isEqualTo(StrengthResult.singleChallengeRequired);
        assertThat(BuiltInStrengths.MULTIFACTOR.judge(SignInMethod.temporaryAccessPass(false))).isEqualTo(StrengthResult.satisfied);
        assertThat(CUSTOM_SECRETS.judge(SignInMethod.temporaryAccessPass(false))).isEqualTo(StrengthResult.singleChallengeRequired);
    }

    @Test
    void theBuiltInsHaveGraphsIdsNamesAndCombinations() {
        assertThat(BuiltInStrengths.ALL).extracting(s -> s.id().toString()).containsExactly("00000000-0000-0000-0000-000000000002",
                "00000000-0000-0000-0000-000000000003", "00000000-0000-0000-0000-000000000004");
        assertThat(BuiltInStrengths.ALL).extracting(AuthenticationStrength::displayName)
                .containsExactly("Multifactor authentication", "Passwordless MFA", "Phishing resistant MFA");
        assertThat(BuiltInStrengths.PHISHING_RESISTANT.allowedCombinations()).containsExactly("windowsHelloForBusiness", "fido2",
                "x509CertificateMultiFactor");
        assertThat(BuiltInStrengths.MULTIFACTOR.allowedCombinations()).hasSize(19).contains("password,sms", "temporaryAccessPassOneTime");
        for (String combination : BuiltInStrengths.MULTIFACTOR.allowedCombinations()) {
            assertThat(AuthenticationMode.text(AuthenticationMode.combination(combination))).as("canonical text").isEqualTo(combination);
        }
        assertThat(AuthenticationMode.text(AuthenticationMode.combination("sms, password"))).isEqualTo("password,sms");
    }

    static ConditionalAccessPolicy policy(Cell c) {
        ConditionalAccessPolicy.Grant grant = switch (c.strength()) {
            case BLOCK -> ConditionalAccessPolicy.Grant.blockAccess();
            case MULTIFACTOR -> ConditionalAccessPolicy.Grant.strength(BuiltInStrengths.MULTIFACTOR.id());
            case PASSWORDLESS -> ConditionalAccessPolicy.Grant.strength(BuiltInStrengths.PASSWORDLESS.id());
            case PHISHING_RESISTANT -> ConditionalAccessPolicy.Grant.strength(BuiltInStrengths.PHISHING_RESISTANT.id());
            case CUSTOM_FIDO2 -> ConditionalAccessPolicy.Grant.strength(CUSTOM_FIDO2.id());
            case CUSTOM_FIDO2_ALLOWED_MODELS -> ConditionalAccessPolicy.Grant.strength(CUSTOM_MODELS.id());
            case CUSTOM_PASSWORD_OR_ONE_TIME_PASS -> ConditionalAccessPolicy.Grant.strength(CUSTOM_SECRETS.id());
        };
        Set<String> none = Set.of();
        ConditionalAccessPolicy.Users users = switch (c.users()) {
            case ALL_USERS -> new ConditionalAccessPolicy.Users(Set.of("All"), none, Set.of(), Set.of(), none, none);
            case THE_USER -> new ConditionalAccessPolicy.Users(Set.of(USER.toString()), none, Set.of(), Set.of(), none, none);
            case GROUP -> new ConditionalAccessPolicy.Users(none, none, Set.of(GROUP), Set.of(), none, none);
            case NESTED_GROUP -> new ConditionalAccessPolicy.Users(none, none, Set.of(PARENT_GROUP), Set.of(), none, none);
            case ROLE -> new ConditionalAccessPolicy.Users(none, none, Set.of(), Set.of(), Set.of(ROLE), none);
            case GUESTS -> new ConditionalAccessPolicy.Users(Set.of("GuestsOrExternalUsers"), none, Set.of(), Set.of(), none, none);
            case NOT_INCLUDED -> new ConditionalAccessPolicy.Users(Set.of(UUID.randomUUID().toString()), none, Set.of(OTHER_GROUP), Set.of(), none, none);
            case EXCLUDED_USER -> new ConditionalAccessPolicy.Users(Set.of("All"), Set.of(USER.toString()), Set.of(), Set.of(), none, none);
            case EXCLUDED_GROUP -> new ConditionalAccessPolicy.Users(Set.of("All"), none, Set.of(), Set.of(PARENT_GROUP), none, none);
            case EXCLUDED_GUESTS -> new ConditionalAccessPolicy.Users(Set.of("All"), Set.of("GuestsOrExternalUsers"), Set.of(), Set.of(), none, none);
            case NONE -> new ConditionalAccessPolicy.Users(Set.of("None"), none, Set.of(), Set.of(), none, none);
        };
        ConditionalAccessPolicy.Applications apps = switch (c.apps()) {
            case ALL_APPS -> new ConditionalAccessPolicy.Applications(Set.of("All"), none);
            case THIS_APP -> new ConditionalAccessPolicy.Applications(Set.of(APP.toUpperCase()), none);
            case OTHER_APP -> new ConditionalAccessPolicy.Applications(Set.of(OTHER_APP), none);
            case EXCLUDED_APP -> new ConditionalAccessPolicy.Applications(Set.of("All"), Set.of(APP));
        };
        return new ConditionalAccessPolicy(POLICY, "Policy", c.state(), users, apps, grant, NOW, NOW);
    }

    static ConditionalAccessPolicy policy(UUID id, String name, ConditionalAccessPolicy.State state, ConditionalAccessPolicy.Grant grant) {
        return new ConditionalAccessPolicy(id, name, state, new ConditionalAccessPolicy.Users(Set.of("All"), Set.of(), Set.of(), Set.of(),
                Set.of(), Set.of()), new ConditionalAccessPolicy.Applications(Set.of("All"), Set.of()), grant, NOW, NOW);
    }

    /** The user is in GROUP directly, and through it in PARENT_GROUP (nested), and holds ROLE. */
    static AccessSubject subject(Cell c) {
        return new AccessSubject(USER, c.guest(), Set.of(GROUP, PARENT_GROUP), Set.of(ROLE));
    }

    static SignInMethod method(Method m) {
        return switch (m) {
            case PASSKEY_ALLOWED_MODEL -> SignInMethod.passkey(ALLOWED_MODEL);
            case PASSKEY_OTHER_MODEL -> SignInMethod.passkey(OTHER_MODEL);
            case PASSWORD -> SignInMethod.password();
            case TAP_ONE_TIME -> SignInMethod.temporaryAccessPass(true);
            case TAP_MULTI_USE -> SignInMethod.temporaryAccessPass(false);
        };
    }

    static Function<UUID, Optional<AuthenticationStrength>> strengths() {
        Map<UUID, AuthenticationStrength> all = new java.util.HashMap<>();
        BuiltInStrengths.ALL.forEach(s -> all.put(s.id(), s));
        List.of(CUSTOM_FIDO2, CUSTOM_MODELS, CUSTOM_SECRETS).forEach(s -> all.put(s.id(), s));
        return id -> Optional.ofNullable(all.get(id));
    }

    static AuthenticationStrength custom(String name, List<String> combinations, List<Fido2CombinationConfiguration> configurations) {
        return new AuthenticationStrength(UUID.randomUUID(), name, null, AuthenticationStrength.PolicyType.custom, "mfa", combinations,
                configurations, NOW, NOW);
    }
}
