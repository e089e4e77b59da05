package io.keyward.station.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The passkey policy's key restrictions (allow or block AAGUIDs), to refuse a key before it is touched. */
public record KeyRestrictions(boolean enforced, boolean allowList, Set<String> aaGuids) {

    static KeyRestrictions from(JsonNode restrictions) {
        Set<String> aaGuids = new TreeSet<>();
        restrictions.path("aaGuids").forEach(aaGuid -> aaGuids.add(aaGuid.asText().toLowerCase(Locale.ROOT)));
        return new KeyRestrictions(restrictions.path("isEnforced").asBoolean(false)
                && !restrictions.path("isAuditOnly").asBoolean(false),
                !"block".equalsIgnoreCase(restrictions.path("enforcementType").asText("allow")), aaGuids);
    }

    public boolean refuses(UUID aaguid) {
        if (!enforced) {
            return false;
        }
        boolean listed = aaGuids.contains(aaguid.toString());
        return allowList != listed;
    }
}
