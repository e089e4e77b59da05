package io.keyward.server.audit;

import io.keyward.server.policy.AttestationTrust;
import io.keyward.server.policy.AuthenticatorFacts;
import io.keyward.server.policy.ExcludeTarget;
import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.IncludeTarget;
import io.keyward.server.policy.PasskeyPolicyRules;
import io.keyward.server.policy.PasskeyType;
import io.keyward.server.policy.TargetType;
import io.keyward.server.policy.UserFacts;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The users that passkey policies tell apart, so that their sign-in decisions can be counted over every passkey without
 * deciding per passkey (the lockout preview). {@link PasskeyPolicyRules#signInDecision} depends on the user only through
 * the account's state and which of the policy's targets name them: the groups that include and exclude targets name
 * (members count transitively) and the users they name. Every user matching the same targets is decided alike for the
 * same model and passkey type, so the preview decides once per (targets matched, account state, AAGUID, passkey type).
 *
 * <p>The targets of every configuration compared are numbered, groups first: target {@code i} is bit {@code i % 63} of
 * word {@code i / 63} (the words are SQL {@code bigint} sums, so 63 bits each).
 */
public final class PolicyAudience {

    /** Bits per word: a {@code bigint} sum of distinct powers of two, sign bit unused. */
    public static final int BITS_PER_WORD = 63;

    /**
     * The user id given to facts of users no user target names: user targets name users that exist, whose ids are random
     * (version 4), never the nil UUID.
     */
    static final UUID UNNAMED_USER = new UUID(0L, 0L);

    private final List<UUID> groups;
    private final List<UUID> users;

    private PolicyAudience(List<UUID> groups, List<UUID> users) {
        this.groups = List.copyOf(groups);
        this.users = List.copyOf(users);
    }

    /** The groups and users named by the include and exclude targets of any of these configurations ({@code all_users} needs none). */
    public static PolicyAudience of(Fido2Configuration... configurations) {
        Set<UUID> groups = new LinkedHashSet<>();
        Set<UUID> users = new LinkedHashSet<>();
        for (Fido2Configuration c : configurations) {
            for (IncludeTarget t : c.includeTargets()) {
                t.objectId().ifPresent(id -> (t.targetType() == TargetType.group ? groups : users).add(id));
            }
            for (ExcludeTarget t : c.excludeTargets()) {
                (t.targetType() == TargetType.group ? groups : users).add(t.objectId());
            }
        }
        return new PolicyAudience(new ArrayList<>(groups), new ArrayList<>(users));
    }

    /** Every target, groups first: the index of a target is its bit. */
    public List<UUID> targets() {
        List<UUID> all = new ArrayList<>(groups);
        all.addAll(users);
        return all;
    }

    public List<UUID> groups() {
        return groups;
    }

    public List<UUID> users() {
        return users;
    }

    /** How many {@code bigint} words the targets take (0 when no target names a group or user). */
    public int words() {
        return (groups.size() + users.size() + BITS_PER_WORD - 1) / BITS_PER_WORD;
    }

    /** The value target {@code index} adds to its word. */
    public static long bit(int index) {
        return 1L << (index % BITS_PER_WORD);
    }

    /** The targets a user matches, from the words the database summed for them. */
    public static BitSet matched(long[] words) {
        BitSet matched = new BitSet();
        for (int w = 0; w < words.length; w++) {
            for (int b = 0; b < BITS_PER_WORD; b++) {
                if ((words[w] & (1L << b)) != 0) {
                    matched.set(w * BITS_PER_WORD + b);
                }
            }
        }
        return matched;
    }

    /** The words of a set of matched targets, as the database sums them. */
    public long[] words(BitSet matched) {
        long[] words = new long[words()];
        matched.stream().forEach(i -> words[i / BITS_PER_WORD] |= bit(i));
        return words;
    }

    /** The targets this user matches (what the database computes for every user from the group memberships). */
    public BitSet matched(UserFacts user) {
        BitSet matched = new BitSet();
        List<UUID> all = targets();
        for (int i = 0; i < all.size(); i++) {
            if (i < groups.size() ? user.groupIds().contains(all.get(i)) : user.userId().equals(all.get(i))) {
                matched.set(i);
            }
        }
        return matched;
    }

    /** Facts that stand for every user matching exactly these targets, with this account state. */
    public UserFacts facts(BitSet matched, boolean accountEnabled) {
        Set<UUID> memberOf = new LinkedHashSet<>();
        UUID userId = UNNAMED_USER;
        List<UUID> all = targets();
        for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
            if (i < groups.size()) {
                memberOf.add(all.get(i));
            } else {
                userId = all.get(i);
            }
        }
        return new UserFacts(userId, false, accountEnabled, memberOf);
    }

    /**
     * Whether a passkey of this model and type signs in for these facts: the sign-in rule itself. Audit-only restrictions
     * allow (and log); attestation is not looked at when signing in.
     */
    public static boolean signsIn(Fido2Configuration configuration, UserFacts facts, UUID aaguid, PasskeyType type) {
        return PasskeyPolicyRules.signInDecision(configuration, facts, new AuthenticatorFacts(aaguid, type, AttestationTrust.NONE)).allowed();
    }
}
