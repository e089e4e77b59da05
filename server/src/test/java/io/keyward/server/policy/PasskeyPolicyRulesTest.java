package io.keyward.server.policy;

import io.keyward.server.platform.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole combination space of the passkey policy, each cell checked against an oracle that states every rule of
 * DESIGN §3 "Policy" on its own, plus hand-written rows that pin the oracle itself.
 */
class PasskeyPolicyRulesTest {

    static final UUID USER = UUID.fromString("11111111-1111-1111-1111-111111111111");
    static final UUID INCLUDED_GROUP = UUID.fromString("22222222-2222-2222-2222-222222222222");
    static final UUID PARENT_GROUP = UUID.fromString("33333333-3333-3333-3333-333333333333");
    static final UUID EXCLUDED_GROUP = UUID.fromString("44444444-4444-4444-4444-444444444444");
    static final UUID OTHER_GROUP = UUID.fromString("55555555-5555-5555-5555-555555555555");
    static final UUID LISTED = UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8");
    static final UUID UNLISTED = UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a");

    enum Targeting { ALL_USERS, INCLUDED_GROUP, NESTED_GROUP, NOT_INCLUDED, EXCLUDED_USER, EXCLUDED_GROUP }

    enum Restrictions { OFF, ALLOW, BLOCK, AUDIT_ALLOW, AUDIT_BLOCK }

    enum ProfileTypes { BOTH, DEVICE_BOUND_ONLY, SYNCED_ONLY }

    enum Ceremony { REGISTRATION_BEFORE, REGISTRATION, SIGN_IN }

    record Cell(MethodState state, Targeting targeting, boolean selfService, RegistrationChannel channel, boolean attestationEnforced,
                AttestationTrust trust, Restrictions restrictions, boolean aaguidListed, boolean guest, boolean accountEnabled,
                ProfileTypes profileTypes, PasskeyType passkeyType, Ceremony ceremony) {
    }

    /** What the oracle expects: a refusal code, an audited refusal code, or neither. */
    record Outcome(Optional<ReasonCode> refused, Optional<ReasonCode> audited) {
        static Outcome allow() {
            return new Outcome(Optional.empty(), Optional.empty());
        }

        static Outcome refuse(ReasonCode code) {
            return new Outcome(Optional.of(code), Optional.empty());
        }

        static Outcome audit(ReasonCode code) {
            return new Outcome(Optional.empty(), Optional.of(code));
        }

        static Outcome of(Decision decision) {
            return new Outcome(decision.refusal().map(Refusal::reason), decision.auditOnly().map(Refusal::reason));
        }
    }

    @Test
    void everyCombinationDecidesAsTheRulesSay() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Cell cell : cartesian()) {
            cells++;
            Outcome expected = oracle(cell);
            Decision decision = decide(cell);
            Outcome actual = Outcome.of(decision);
            if (!actual.equals(expected) && wrong.size() < 20) {
                wrong.add(cell + " expected " + expected + " but was " + actual);
            }
            decision.refusal().or(decision::auditOnly).ifPresent(r -> {
                String firstSentence = r.message().split("\\. ")[0];
                if (firstSentence.contains("AAGUID") && wrong.size() < 20) {
                    wrong.add(cell + ": jargon in the first sentence of '" + r.message() + "'");
                }
            });
        }

        assertThat(cells).isEqualTo(2 * 6 * 2 * 2 * 2 * 4 * 5 * 2 * 2 * 2 * 3 * 2 * 3);
        assertThat(wrong).isEmpty();
    }

    /**
     * The rules, each stated on its own. Order matters only where two apply at once: the method state first, then
     * who the user is, then the policy's scope, then self-service, then the authenticator.
     */
    static Outcome oracle(Cell c) {
        boolean registration = c.ceremony() != Ceremony.SIGN_IN;
        boolean inScope = switch (c.targeting()) {
            case ALL_USERS, INCLUDED_GROUP, NESTED_GROUP -> true;
            case NOT_INCLUDED, EXCLUDED_USER, EXCLUDED_GROUP -> false;
        };
        if (c.state() == MethodState.disabled) {
            return Outcome.refuse(ReasonCode.PASSKEY_METHOD_DISABLED);
        }
        if (registration && c.guest()) {
            return Outcome.refuse(ReasonCode.GUEST_USER_NOT_SUPPORTED);
        }
        if (!registration && !c.accountEnabled()) {
            return Outcome.refuse(ReasonCode.ACCOUNT_DISABLED);
        }
        if (!inScope) {
            return Outcome.refuse(ReasonCode.USER_NOT_IN_PASSKEY_POLICY_SCOPE);
        }
        if (registration && !c.selfService()) {
            // Both channels: admin provisioning needs self-service on, as in the cloud service.
            return Outcome.refuse(ReasonCode.SELF_SERVICE_REGISTRATION_DISABLED);
        }
        if (c.ceremony() == Ceremony.REGISTRATION_BEFORE) {
            return Outcome.allow();
        }
        boolean typeAllowed = switch (c.profileTypes()) {
            case BOTH -> true;
            case DEVICE_BOUND_ONLY -> c.passkeyType() == PasskeyType.deviceBound;
            case SYNCED_ONLY -> c.passkeyType() == PasskeyType.synced;
        };
        if (!typeAllowed) {
            return Outcome.refuse(ReasonCode.PASSKEY_TYPE_NOT_ALLOWED);
        }
        if (registration && c.attestationEnforced() && (c.trust() == AttestationTrust.NONE || c.trust() == AttestationTrust.SELF)) {
            return Outcome.refuse(ReasonCode.ATTESTATION_REQUIRED);
        }
        if (registration && c.attestationEnforced() && c.trust() == AttestationTrust.UNTRUSTED) {
            return Outcome.refuse(ReasonCode.ATTESTATION_NOT_TRUSTED);
        }
        boolean modelRefused = switch (c.restrictions()) {
            case OFF -> false;
            case ALLOW, AUDIT_ALLOW -> !c.aaguidListed();
            case BLOCK, AUDIT_BLOCK -> c.aaguidListed();
        };
        boolean auditOnly = c.restrictions() == Restrictions.AUDIT_ALLOW || c.restrictions() == Restrictions.AUDIT_BLOCK;
        if (modelRefused) {
            return auditOnly ? Outcome.audit(ReasonCode.AAGUID_NOT_ALLOWED) : Outcome.refuse(ReasonCode.AAGUID_NOT_ALLOWED);
        }
        return Outcome.allow();
    }

    static Decision decide(Cell c) {
        Fido2Configuration configuration = configuration(c);
        UserFacts user = user(c);
        AuthenticatorFacts authenticator = new AuthenticatorFacts(c.aaguidListed() ? LISTED : UNLISTED, c.passkeyType(), c.trust());
        return switch (c.ceremony()) {
            case REGISTRATION_BEFORE -> PasskeyPolicyRules.registrationDecision(configuration, user, c.channel(), Optional.empty());
            case REGISTRATION -> PasskeyPolicyRules.registrationDecision(configuration, user, c.channel(), Optional.of(authenticator));
            case SIGN_IN -> PasskeyPolicyRules.signInDecision(configuration, user, authenticator);
        };
    }

    static Fido2Configuration configuration(Cell c) {
        KeyRestrictions restrictions = switch (c.restrictions()) {
            case OFF -> new KeyRestrictions(false, EnforcementType.allow, List.of(LISTED), false);
            case ALLOW -> new KeyRestrictions(true, EnforcementType.allow, List.of(LISTED), false);
            case BLOCK -> new KeyRestrictions(true, EnforcementType.block, List.of(LISTED), false);
            case AUDIT_ALLOW -> new KeyRestrictions(true, EnforcementType.allow, List.of(LISTED), true);
            case AUDIT_BLOCK -> new KeyRestrictions(true, EnforcementType.block, List.of(LISTED), true);
        };
        Set<PasskeyType> types = switch (c.profileTypes()) {
            case BOTH -> EnumSet.allOf(PasskeyType.class);
            case DEVICE_BOUND_ONLY -> EnumSet.of(PasskeyType.deviceBound);
            case SYNCED_ONLY -> EnumSet.of(PasskeyType.synced);
        };
        List<IncludeTarget> include = switch (c.targeting()) {
            case ALL_USERS, EXCLUDED_USER, EXCLUDED_GROUP -> List.of(IncludeTarget.allUsers());
            case INCLUDED_GROUP, NOT_INCLUDED -> List.of(IncludeTarget.group(INCLUDED_GROUP));
            case NESTED_GROUP -> List.of(IncludeTarget.group(PARENT_GROUP));
        };
        List<ExcludeTarget> exclude = switch (c.targeting()) {
            case EXCLUDED_USER -> List.of(ExcludeTarget.user(USER));
            case EXCLUDED_GROUP -> List.of(ExcludeTarget.group(EXCLUDED_GROUP));
            default -> List.of(ExcludeTarget.group(OTHER_GROUP));
        };
        return Fido2Configuration.defaults()
                .withState(c.state())
                .withSelfServiceRegistrationAllowed(c.selfService())
                .withIncludeTargets(include)
                .withExcludeTargets(exclude)
                .withDefaultProfile(p -> p.withPasskeyTypes(types).withKeyRestrictions(restrictions))
                .withAttestationEnforced(c.attestationEnforced());
    }

    static UserFacts user(Cell c) {
        Set<UUID> groups = switch (c.targeting()) {
            case ALL_USERS, EXCLUDED_USER -> Set.of(INCLUDED_GROUP);
            case INCLUDED_GROUP -> Set.of(INCLUDED_GROUP);
            // Transitive: the user is in INCLUDED_GROUP, which is a member of PARENT_GROUP.
            case NESTED_GROUP -> Set.of(INCLUDED_GROUP, PARENT_GROUP);
            case NOT_INCLUDED -> Set.of(PARENT_GROUP);
            case EXCLUDED_GROUP -> Set.of(INCLUDED_GROUP, EXCLUDED_GROUP);
        };
        return new UserFacts(USER, c.guest(), c.accountEnabled(), groups);
    }

    static List<Cell> cartesian() {
        List<Cell> cells = new ArrayList<>();
        for (MethodState state : MethodState.values())
            for (Targeting targeting : Targeting.values())
                for (boolean selfService : new boolean[]{true, false})
                    for (RegistrationChannel channel : RegistrationChannel.values())
                        for (boolean enforced : new boolean[]{true, false})
                            for (AttestationTrust trust : AttestationTrust.values())
                                for (Restrictions restrictions : Restrictions.values())
                                    for (boolean listed : new boolean[]{true, false})
                                        for (boolean guest : new boolean[]{true, false})
                                            for (boolean accountEnabled : new boolean[]{true, false})
                                                for (ProfileTypes profileTypes : ProfileTypes.values())
                                                    for (PasskeyType type : PasskeyType.values())
                                                        for (Ceremony ceremony : Ceremony.values())
                                                            cells.add(new Cell(state, targeting, selfService, channel, enforced, trust,
                                                                    restrictions, listed, guest, accountEnabled, profileTypes, type, ceremony));
        return cells;
    }

    /** Rows written out by hand: they pin the oracle to the product's contract, not to itself. */
    static Stream<Arguments> examples() {
        Cell base = new Cell(MethodState.enabled, Targeting.ALL_USERS, true, RegistrationChannel.SELF_SERVICE, false,
                AttestationTrust.NONE, Restrictions.OFF, true, false, true, ProfileTypes.BOTH, PasskeyType.deviceBound, Ceremony.REGISTRATION);
        return Stream.of(
                Arguments.of("defaults allow registration", base, null, null),
                Arguments.of("method off refuses sign-in", with(base, "state", MethodState.disabled, "ceremony", Ceremony.SIGN_IN),
                        ReasonCode.PASSKEY_METHOD_DISABLED, null),
                Arguments.of("guest cannot register before the ceremony", with(base, "guest", true, "ceremony", Ceremony.REGISTRATION_BEFORE),
                        ReasonCode.GUEST_USER_NOT_SUPPORTED, null),
                Arguments.of("guest in scope can sign in", with(base, "guest", true, "ceremony", Ceremony.SIGN_IN), null, null),
                Arguments.of("nested group member is in scope", with(base, "targeting", Targeting.NESTED_GROUP), null, null),
                Arguments.of("excluded group wins over all_users", with(base, "targeting", Targeting.EXCLUDED_GROUP),
                        ReasonCode.USER_NOT_IN_PASSKEY_POLICY_SCOPE, null),
                Arguments.of("excluded user cannot sign in", with(base, "targeting", Targeting.EXCLUDED_USER, "ceremony", Ceremony.SIGN_IN),
                        ReasonCode.USER_NOT_IN_PASSKEY_POLICY_SCOPE, null),
                Arguments.of("self-service off refuses admin provisioning too",
                        with(base, "selfService", false, "channel", RegistrationChannel.ADMIN_PROVISIONING),
                        ReasonCode.SELF_SERVICE_REGISTRATION_DISABLED, null),
                Arguments.of("self-service off does not stop sign-in", with(base, "selfService", false, "ceremony", Ceremony.SIGN_IN), null, null),
                Arguments.of("disabled account cannot sign in", with(base, "accountEnabled", false, "ceremony", Ceremony.SIGN_IN),
                        ReasonCode.ACCOUNT_DISABLED, null),
                Arguments.of("enforced attestation refuses none", with(base, "attestationEnforced", true), ReasonCode.ATTESTATION_REQUIRED, null),
                Arguments.of("enforced attestation refuses self", with(base, "attestationEnforced", true, "trust", AttestationTrust.SELF),
                        ReasonCode.ATTESTATION_REQUIRED, null),
                Arguments.of("enforced attestation refuses an unknown root", with(base, "attestationEnforced", true, "trust", AttestationTrust.UNTRUSTED),
                        ReasonCode.ATTESTATION_NOT_TRUSTED, null),
                Arguments.of("passkeys registered without attestation keep signing in",
                        with(base, "attestationEnforced", true, "ceremony", Ceremony.SIGN_IN), null, null),
                Arguments.of("allow list without the model refuses sign-in",
                        with(base, "restrictions", Restrictions.ALLOW, "aaguidListed", false, "ceremony", Ceremony.SIGN_IN),
                        ReasonCode.AAGUID_NOT_ALLOWED, null),
                Arguments.of("block list with the model refuses registration", with(base, "restrictions", Restrictions.BLOCK),
                        ReasonCode.AAGUID_NOT_ALLOWED, null),
                Arguments.of("audit-only block list lets the model in and says so", with(base, "restrictions", Restrictions.AUDIT_BLOCK),
                        null, ReasonCode.AAGUID_NOT_ALLOWED),
                Arguments.of("synced passkey refused by a device-bound profile",
                        with(base, "profileTypes", ProfileTypes.DEVICE_BOUND_ONLY, "passkeyType", PasskeyType.synced, "ceremony", Ceremony.SIGN_IN),
                        ReasonCode.PASSKEY_TYPE_NOT_ALLOWED, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void handWrittenRowsMatchBothOracleAndRules(String name, Cell cell, ReasonCode refused, ReasonCode audited) {
        Outcome expected = new Outcome(Optional.ofNullable(refused), Optional.ofNullable(audited));

        assertThat(oracle(cell)).as("oracle").isEqualTo(expected);
        assertThat(Outcome.of(decide(cell))).as("rules").isEqualTo(expected);
    }

    @Test
    void aModelIsAllowedWhenAnyApplicableProfileAllowsIt() {
        UUID strictId = UUID.randomUUID();
        PasskeyProfile strict = PasskeyProfile.permissive(strictId, "Security keys only")
                .withKeyRestrictions(new KeyRestrictions(true, EnforcementType.allow, List.of(LISTED), false));
        Fido2Configuration configuration = Fido2Configuration.defaults()
                .withKeyRestrictions(new KeyRestrictions(true, EnforcementType.block, List.of(UNLISTED), false))
                .withPasskeyProfiles(List.of(Fido2Configuration.defaults().defaultProfile()
                        .withKeyRestrictions(new KeyRestrictions(true, EnforcementType.block, List.of(UNLISTED), false)), strict))
                .withIncludeTargets(List.of(IncludeTarget.group(INCLUDED_GROUP).withAllowedPasskeyProfiles(List.of(strictId)),
                        IncludeTarget.group(PARENT_GROUP)));
        UserFacts inBoth = new UserFacts(USER, false, true, Set.of(INCLUDED_GROUP, PARENT_GROUP));
        UserFacts strictOnly = new UserFacts(USER, false, true, Set.of(INCLUDED_GROUP));
        AuthenticatorFacts other = new AuthenticatorFacts(UUID.randomUUID(), PasskeyType.deviceBound, AttestationTrust.NONE);

        assertThat(PasskeyPolicyRules.signInDecision(configuration, inBoth, other).allowed()).isTrue();
        assertThat(PasskeyPolicyRules.signInDecision(configuration, strictOnly, other).refusal())
                .map(Refusal::reason).contains(ReasonCode.AAGUID_NOT_ALLOWED);
    }

    @Test
    void adminProvisioningRefusalSaysProvisioningNeedsSelfService() {
        Decision decision = PasskeyPolicyRules.registrationDecision(Fido2Configuration.defaults().withSelfServiceRegistrationAllowed(false),
                new UserFacts(USER, false, true, Set.of()), RegistrationChannel.ADMIN_PROVISIONING, Optional.empty());

        assertThat(decision.refusal().orElseThrow().message()).contains("Provisioning requires self-service setup to be allowed");
    }

    private static Cell with(Cell c, Object... changes) {
        Object[] v = {c.state(), c.targeting(), c.selfService(), c.channel(), c.attestationEnforced(), c.trust(), c.restrictions(),
                c.aaguidListed(), c.guest(), c.accountEnabled(), c.profileTypes(), c.passkeyType(), c.ceremony()};
        List<String> names = List.of("state", "targeting", "selfService", "channel", "attestationEnforced", "trust", "restrictions",
                "aaguidListed", "guest", "accountEnabled", "profileTypes", "passkeyType", "ceremony");
        for (int i = 0; i < changes.length; i += 2) {
            v[names.indexOf((String) changes[i])] = changes[i + 1];
        }
        return new Cell((MethodState) v[0], (Targeting) v[1], (boolean) v[2], (RegistrationChannel) v[3], (boolean) v[4],
                (AttestationTrust) v[5], (Restrictions) v[6], (boolean) v[7], (boolean) v[8], (boolean) v[9], (ProfileTypes) v[10],
                (PasskeyType) v[11], (Ceremony) v[12]);
    }
}
