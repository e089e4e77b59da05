package io.keyward.server.audit;

import io.keyward.server.policy.AttestationTrust;
import io.keyward.server.policy.AuthenticatorFacts;
import io.keyward.server.policy.EnforcementType;
import io.keyward.server.policy.ExcludeTarget;
import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.IncludeTarget;
import io.keyward.server.policy.KeyRestrictions;
import io.keyward.server.policy.PasskeyPolicyRules;
import io.keyward.server.policy.PasskeyProfile;
import io.keyward.server.policy.PasskeyType;
import io.keyward.server.policy.UserFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout preview decides once per (targets matched, account state, model, passkey type) instead of per passkey:
 * deciding for a user through {@link PolicyAudience} must give what {@code PasskeyPolicyRules.signInDecision} gives with
 * the user's full facts, and users that differ only in groups no target names must fall into one combination.
 */
class PolicyAudienceTest {

    static final UUID LISTED = UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8");
    static final UUID UNLISTED = UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a");
    static final UUID SECURITY_KEYS = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    static final UUID PILOT = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000002");
    static final UUID CONTRACTORS = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000003");
    static final UUID UNRELATED = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000004");
    static final UUID NAMED_USER = UUID.fromString("bbbbbbbb-0000-4000-8000-000000000001");
    static final UUID DEVICE_BOUND_PROFILE = UUID.fromString("cccccccc-0000-4000-8000-000000000001");
    static final UUID ALLOW_LIST_PROFILE = UUID.fromString("cccccccc-0000-4000-8000-000000000002");

    static final PasskeyProfile DEVICE_BOUND_ONLY = PasskeyProfile.permissive(DEVICE_BOUND_PROFILE, "Security keys only")
            .withPasskeyTypes(EnumSet.of(PasskeyType.deviceBound));
    static final PasskeyProfile ALLOW_LIST = PasskeyProfile.permissive(ALLOW_LIST_PROFILE, "Approved models")
            .withKeyRestrictions(new KeyRestrictions(true, EnforcementType.allow, List.of(LISTED), false));

    /** Everyone under the default profile except contractors; the security key group device-bound only; the pilot an allow list. */
    static final Fido2Configuration CURRENT = Fido2Configuration.defaults()
            .withPasskeyProfiles(List.of(Fido2Configuration.defaults().defaultProfile(), DEVICE_BOUND_ONLY, ALLOW_LIST))
            .withIncludeTargets(List.of(IncludeTarget.group(SECURITY_KEYS).withAllowedPasskeyProfiles(List.of(DEVICE_BOUND_PROFILE)),
                    IncludeTarget.group(PILOT).withAllowedPasskeyProfiles(List.of(ALLOW_LIST_PROFILE)),
                    IncludeTarget.user(NAMED_USER).withAllowedPasskeyProfiles(List.of(DEVICE_BOUND_PROFILE))))
            .withExcludeTargets(List.of(ExcludeTarget.group(CONTRACTORS)));

    /** The proposal: everyone included with the default profile, whose key restrictions become an audit-only block list. */
    static final Fido2Configuration PROPOSED = CURRENT.withIncludeTargets(List.of(IncludeTarget.allUsers(),
                    IncludeTarget.group(SECURITY_KEYS).withAllowedPasskeyProfiles(List.of(DEVICE_BOUND_PROFILE))))
            .withKeyRestrictions(new KeyRestrictions(true, EnforcementType.block, List.of(UNLISTED), true));

    static UserFacts user(boolean enabled, UUID... groups) {
        return new UserFacts(UUID.randomUUID(), false, enabled, Set.of(groups));
    }

    static List<UserFacts> people() {
        return List.of(user(true), user(true, UNRELATED), user(true, SECURITY_KEYS), user(true, SECURITY_KEYS, UNRELATED),
                user(true, PILOT), user(true, PILOT, SECURITY_KEYS), user(true, CONTRACTORS, SECURITY_KEYS), user(true, CONTRACTORS),
                user(false, SECURITY_KEYS), new UserFacts(NAMED_USER, false, true, Set.of(UNRELATED)),
                new UserFacts(NAMED_USER, true, true, Set.of(CONTRACTORS)));
    }

    static boolean fullDecision(Fido2Configuration c, UserFacts user, UUID aaguid, PasskeyType type) {
        return PasskeyPolicyRules.signInDecision(c, user, new AuthenticatorFacts(aaguid, type, AttestationTrust.TRUSTED)).allowed();
    }

    static boolean groupedDecision(Fido2Configuration c, PolicyAudience audience, UserFacts user, UUID aaguid, PasskeyType type) {
        BitSet matched = PolicyAudience.matched(audience.words(audience.matched(user)));
        return PolicyAudience.signsIn(c, audience.facts(matched, user.accountEnabled()), aaguid, type);
    }

    @Test
    void decidingPerCombinationOfMatchedTargetsGivesTheSignInRulesDecisionForEveryUserAndPasskey() {
        PolicyAudience audience = PolicyAudience.of(CURRENT, PROPOSED);
        List<String> differences = new ArrayList<>();
        int decided = 0;
        for (Fido2Configuration c : List.of(CURRENT, PROPOSED)) {
            for (UserFacts user : people()) {
                for (UUID aaguid : List.of(LISTED, UNLISTED)) {
                    for (PasskeyType type : PasskeyType.values()) {
                        decided++;
                        if (fullDecision(c, user, aaguid, type) != groupedDecision(c, audience, user, aaguid, type)) {
                            differences.add((c == CURRENT ? "current" : "proposed") + " " + user + " " + aaguid + " " + type);
                        }
                    }
                }
            }
        }
        assertThat(decided).isEqualTo(2 * 11 * 2 * 2);
        assertThat(differences).isEmpty();
    }

    @Test
    void anExcludedGroupRefusesWhateverElseTheUserMatches() {
        PolicyAudience audience = PolicyAudience.of(CURRENT);
        UserFacts contractor = user(true, CONTRACTORS, SECURITY_KEYS);

        assertThat(groupedDecision(CURRENT, audience, contractor, LISTED, PasskeyType.deviceBound)).isFalse();
        assertThat(groupedDecision(CURRENT, audience, user(true, SECURITY_KEYS), LISTED, PasskeyType.deviceBound)).isTrue();
    }

    @Test
    void aTargetWhoseProfileAllowsOnlyDeviceBoundPasskeysRefusesSyncedOnes() {
        PolicyAudience audience = PolicyAudience.of(CURRENT);
        UserFacts member = user(true, SECURITY_KEYS);

        assertThat(groupedDecision(CURRENT, audience, member, UNLISTED, PasskeyType.deviceBound)).isTrue();
        assertThat(groupedDecision(CURRENT, audience, member, UNLISTED, PasskeyType.synced)).isFalse();
        assertThat(groupedDecision(CURRENT, audience, user(true, SECURITY_KEYS, PILOT), LISTED, PasskeyType.synced))
                .as("a second target's profile allowing the passkey is enough").isTrue();
    }

    @Test
    void aProfileWithAnAllowListRefusesOtherModelsAndAuditOnlyRestrictionsRefuseNobody() {
        PolicyAudience audience = PolicyAudience.of(CURRENT, PROPOSED);
        UserFacts pilot = user(true, PILOT);

        assertThat(groupedDecision(CURRENT, audience, pilot, LISTED, PasskeyType.synced)).isTrue();
        assertThat(groupedDecision(CURRENT, audience, pilot, UNLISTED, PasskeyType.synced)).isFalse();
        assertThat(groupedDecision(PROPOSED, audience, pilot, UNLISTED, PasskeyType.synced))
                .as("the default profile's block list is audit-only").isTrue();
        assertThat(groupedDecision(CURRENT, audience, user(true), UNLISTED, PasskeyType.synced)).as("in no include target").isFalse();
        assertThat(groupedDecision(PROPOSED, audience, user(false), LISTED, PasskeyType.deviceBound)).as("a disabled account").isFalse();
    }

    @Test
    void usersDifferingOnlyInGroupsNoTargetNamesFallIntoOneCombination() {
        PolicyAudience audience = PolicyAudience.of(CURRENT, PROPOSED);
        Set<BitSet> combinations = new HashSet<>();
        for (UserFacts user : List.of(user(true, SECURITY_KEYS), user(true, SECURITY_KEYS, UNRELATED),
                user(true, SECURITY_KEYS, UUID.randomUUID(), UUID.randomUUID()))) {
            combinations.add(audience.matched(user));
        }

        assertThat(combinations).hasSize(1);
        assertThat(audience.targets()).containsExactly(SECURITY_KEYS, PILOT, CONTRACTORS, NAMED_USER);
        assertThat(audience.facts(combinations.iterator().next(), true).groupIds()).containsExactly(SECURITY_KEYS);
    }

    @Test
    void targetsBeyondOneWordKeepTheirBits() {
        List<IncludeTarget> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(IncludeTarget.group(UUID.randomUUID()));
        }
        PolicyAudience audience = PolicyAudience.of(Fido2Configuration.defaults().withIncludeTargets(many));
        UUID last = audience.groups().get(69);
        BitSet matched = audience.matched(new UserFacts(UUID.randomUUID(), false, true, Set.of(audience.groups().get(0), last)));

        long[] words = audience.words(matched);

        assertThat(words).containsExactly(1L, 1L << (69 - PolicyAudience.BITS_PER_WORD));
        assertThat(audience.facts(PolicyAudience.matched(words), true).groupIds()).containsExactlyInAnyOrder(audience.groups().get(0), last);
    }
}
