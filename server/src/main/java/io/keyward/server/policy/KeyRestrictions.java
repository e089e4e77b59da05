package io.keyward.server.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Graph {@code fido2KeyRestrictions}: an allow or block list of authenticator models (AAGUIDs), applied at
 * registration and at every sign-in (DESIGN §3). {@code auditOnly} is a Keyward extension: the list is evaluated
 * and a would-be refusal is logged, but nobody is refused — for collecting the models in use before enforcing.
 * The list never holds duplicates and keeps the order in which AAGUIDs were first given.
 */
public record KeyRestrictions(boolean enforced, EnforcementType enforcementType, List<UUID> aaGuids, boolean auditOnly) {

    public KeyRestrictions {
        Objects.requireNonNull(enforcementType, "enforcementType");
        aaGuids = List.copyOf(new LinkedHashSet<>(aaGuids));
    }

    /** Restrictions off, an empty allow list: what a new profile starts with. */
    public static KeyRestrictions off() {
        return new KeyRestrictions(false, EnforcementType.allow, List.of(), false);
    }

    public KeyRestrictions withEnforced(boolean value) {
        return new KeyRestrictions(value, enforcementType, aaGuids, auditOnly);
    }

    public KeyRestrictions withEnforcementType(EnforcementType value) {
        return new KeyRestrictions(enforced, value, aaGuids, auditOnly);
    }

    public KeyRestrictions withAaGuids(Collection<UUID> value) {
        return new KeyRestrictions(enforced, enforcementType, List.copyOf(value), auditOnly);
    }

    public KeyRestrictions withAuditOnly(boolean value) {
        return new KeyRestrictions(enforced, enforcementType, aaGuids, value);
    }

    public KeyRestrictions plus(Collection<UUID> added) {
        List<UUID> all = new ArrayList<>(aaGuids);
        all.addAll(added);
        return withAaGuids(all);
    }

    public KeyRestrictions minus(Collection<UUID> removed) {
        List<UUID> rest = new ArrayList<>(aaGuids);
        rest.removeAll(removed);
        return withAaGuids(rest);
    }

    /** Whether the list (enforced or not) names every one of {@code models}. */
    public boolean lists(Collection<UUID> models) {
        return aaGuids.containsAll(models);
    }

    /**
     * The model is refused when restrictions are on and an allow list lacks it or a block list has it. Audit-only
     * restrictions still answer here; the caller turns the refusal into an audit entry.
     */
    public boolean refuses(UUID aaguid) {
        if (!enforced) {
            return false;
        }
        boolean listed = aaGuids.contains(aaguid);
        return enforcementType == EnforcementType.allow ? !listed : listed;
    }
}
