package io.keyward.server.policy;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The FIDO2 (passkey) authentication method configuration, Graph {@code fido2AuthenticationMethodConfiguration}
 * (GRAPH-API.md §1.3). Immutable; every {@code with…} returns a changed copy and every copy is valid: a default
 * profile that exists, unique profile ids, targets that name only existing profiles, no target listed twice.
 * Whether target groups and users exist is the directory's question, checked when the configuration is saved.
 *
 * <p>Keyward keeps the configuration in the passkey-profile form that Entra migrates tenants to. The legacy
 * top-level {@code isAttestationEnforced} and {@code keyRestrictions} are views of the <em>default</em> passkey
 * profile: reading them reads it, writing them writes it. So is the Keyward extension
 * {@code isMicrosoftAuthenticatorIncluded}: true when the default profile's AAGUID list holds both Microsoft
 * Authenticator AAGUIDs; switching it adds or removes them.
 */
public record Fido2Configuration(MethodState state, boolean selfServiceRegistrationAllowed, List<IncludeTarget> includeTargets,
                                 List<ExcludeTarget> excludeTargets, List<PasskeyProfile> passkeyProfiles,
                                 UUID defaultPasskeyProfile) {

    /** The id Graph gives the baseline profile of a migrated tenant; Keyward's default profile always has it. */
    public static final UUID DEFAULT_PROFILE_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    public Fido2Configuration {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(defaultPasskeyProfile, "defaultPasskeyProfile");
        includeTargets = List.copyOf(includeTargets);
        excludeTargets = List.copyOf(excludeTargets);
        passkeyProfiles = List.copyOf(passkeyProfiles);
        Map<UUID, PasskeyProfile> byId = new LinkedHashMap<>();
        for (PasskeyProfile profile : passkeyProfiles) {
            if (byId.put(profile.id(), profile) != null) {
                throw Refused.invalid("Two passkey profiles have the id " + profile.id() + ".");
            }
        }
        if (!byId.containsKey(defaultPasskeyProfile)) {
            throw Refused.invalid("The default passkey profile " + defaultPasskeyProfile
                    + " cannot be deleted: passkeyProfiles must include it.");
        }
        Set<String> included = new HashSet<>();
        for (IncludeTarget target : includeTargets) {
            if (!included.add(target.id())) {
                throw Refused.invalid("The include target '" + target.id() + "' is listed more than once.");
            }
            for (UUID profile : target.allowedPasskeyProfiles()) {
                if (!byId.containsKey(profile)) {
                    throw Refused.invalid("The include target '" + target.id() + "' allows the passkey profile " + profile
                            + ", which is not one of passkeyProfiles.");
                }
            }
        }
        Set<String> excluded = new HashSet<>();
        for (ExcludeTarget target : excludeTargets) {
            if (!excluded.add(target.id())) {
                throw Refused.invalid("The exclude target '" + target.id() + "' is listed more than once.");
            }
        }
    }

    /**
     * The configuration a new tenant starts with and DELETE reverts to: passkeys enabled for all users,
     * self-service allowed, attestation not enforced, no key restrictions, one default profile allowing
     * device-bound and synced passkeys.
     */
    public static Fido2Configuration defaults() {
        return new Fido2Configuration(MethodState.enabled, true, List.of(IncludeTarget.allUsers()), List.of(),
                List.of(PasskeyProfile.permissive(DEFAULT_PROFILE_ID, PasskeyProfile.DEFAULT_NAME)), DEFAULT_PROFILE_ID);
    }

    public boolean enabled() {
        return state == MethodState.enabled;
    }

    public PasskeyProfile defaultProfile() {
        return profile(defaultPasskeyProfile);
    }

    public PasskeyProfile profile(UUID id) {
        return passkeyProfiles.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No passkey profile " + id));
    }

    /** Legacy {@code isAttestationEnforced}: the default profile's attestation enforcement. */
    public boolean attestationEnforced() {
        return defaultProfile().attestationEnforced();
    }

    /** Legacy top-level {@code keyRestrictions}: the default profile's. */
    public KeyRestrictions keyRestrictions() {
        return defaultProfile().keyRestrictions();
    }

    /** Keyward's {@code isMicrosoftAuthenticatorIncluded}: both Authenticator AAGUIDs are on the default profile's list. */
    public boolean microsoftAuthenticatorIncluded() {
        return keyRestrictions().lists(Aaguids.MICROSOFT_AUTHENTICATOR);
    }

    /** Whether deciding for a user needs their group memberships: some target names a group other than everyone. */
    public boolean namesGroups() {
        return includeTargets.stream().anyMatch(t -> !t.isAllUsers() && t.targetType() == TargetType.group)
                || excludeTargets.stream().anyMatch(t -> t.targetType() == TargetType.group);
    }

    /**
     * The profiles that apply to a user: those of every include target naming them (the default profile for a
     * target without {@code allowedPasskeyProfiles}), in target order, each once. Empty when the user is in no
     * include target or in an exclude target.
     */
    public List<PasskeyProfile> profilesFor(UserFacts user) {
        if (excludeTargets.stream().anyMatch(t -> t.matches(user))) {
            return List.of();
        }
        Set<UUID> ids = new java.util.LinkedHashSet<>();
        for (IncludeTarget target : includeTargets) {
            if (target.matches(user)) {
                ids.addAll(target.allowedPasskeyProfiles().isEmpty() ? List.of(defaultPasskeyProfile) : target.allowedPasskeyProfiles());
            }
        }
        return ids.stream().map(this::profile).toList();
    }

    /**
     * Refuses a change of the profiles that deletes one an include target still allows ({@code passkeyProfileInUse}),
     * naming the profile and the target: the target must stop allowing it first, or in the same change.
     */
    public static void refuseDeletingProfilesInUse(List<PasskeyProfile> before, List<PasskeyProfile> after, List<IncludeTarget> targets) {
        Set<UUID> kept = new HashSet<>(after.stream().map(PasskeyProfile::id).toList());
        for (PasskeyProfile deleted : before) {
            if (kept.contains(deleted.id())) {
                continue;
            }
            for (IncludeTarget target : targets) {
                if (target.allowedPasskeyProfiles().contains(deleted.id())) {
                    throw new Refused(ReasonCode.PASSKEY_PROFILE_IN_USE, "The passkey profile '" + deleted.name() + "' (" + deleted.id()
                            + ") cannot be deleted: the include target '" + target.id() + "' allows it. Remove it from that target's "
                            + "allowedPasskeyProfiles first, or in the same change.");
                }
            }
        }
    }

    public Fido2Configuration withState(MethodState value) {
        return new Fido2Configuration(value, selfServiceRegistrationAllowed, includeTargets, excludeTargets, passkeyProfiles, defaultPasskeyProfile);
    }

    public Fido2Configuration withSelfServiceRegistrationAllowed(boolean value) {
        return new Fido2Configuration(state, value, includeTargets, excludeTargets, passkeyProfiles, defaultPasskeyProfile);
    }

    public Fido2Configuration withIncludeTargets(List<IncludeTarget> value) {
        return new Fido2Configuration(state, selfServiceRegistrationAllowed, value, excludeTargets, passkeyProfiles, defaultPasskeyProfile);
    }

    public Fido2Configuration withExcludeTargets(List<ExcludeTarget> value) {
        return new Fido2Configuration(state, selfServiceRegistrationAllowed, includeTargets, value, passkeyProfiles, defaultPasskeyProfile);
    }

    public Fido2Configuration withPasskeyProfiles(List<PasskeyProfile> value) {
        return new Fido2Configuration(state, selfServiceRegistrationAllowed, includeTargets, excludeTargets, value, defaultPasskeyProfile);
    }

    /** Replaces the default profile with {@code change} applied to it. */
    public Fido2Configuration withDefaultProfile(java.util.function.UnaryOperator<PasskeyProfile> change) {
        List<PasskeyProfile> profiles = new ArrayList<>();
        for (PasskeyProfile profile : passkeyProfiles) {
            profiles.add(profile.id().equals(defaultPasskeyProfile) ? change.apply(profile) : profile);
        }
        return withPasskeyProfiles(profiles);
    }

    /** Legacy top-level write: sets the default profile's attestation enforcement. */
    public Fido2Configuration withAttestationEnforced(boolean value) {
        return withDefaultProfile(p -> p.withAttestationEnforcement(value ? AttestationEnforcement.registrationOnly : AttestationEnforcement.disabled));
    }

    /** Legacy top-level write: sets the default profile's key restrictions. */
    public Fido2Configuration withKeyRestrictions(KeyRestrictions value) {
        return withDefaultProfile(p -> p.withKeyRestrictions(value));
    }

    /** The "Microsoft Authenticator" switch: adds both Authenticator AAGUIDs to the default profile's list, or removes them. */
    public Fido2Configuration withMicrosoftAuthenticatorIncluded(boolean value) {
        KeyRestrictions current = keyRestrictions();
        return withKeyRestrictions(value ? current.plus(Aaguids.MICROSOFT_AUTHENTICATOR) : current.minus(Aaguids.MICROSOFT_AUTHENTICATOR));
    }
}
