package io.keyward.station.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the station does to a key's PIN in an enrollment, stated to Keyward in the provisioning request as the
 * instance annotation {@code "@keyward.provisioning"} (Keyward records it in the registration's directory audit
 * entry as additionalDetails; Graph clients never send it). Never the PIN itself.
 *
 * @param pinSet           the station set the key's PIN in this enrollment (false: the key had one, which was used)
 * @param pinChangeForced  the key asks for a new PIN before its first use
 * @param minimumPinLength the shortest PIN the key accepts after the enrollment
 * @param alwaysUv         the key asks for the PIN on every use after the enrollment
 */
public record ProvisioningStatement(boolean pinSet, boolean pinChangeForced, int minimumPinLength, boolean alwaysUv) {

    public static final String ANNOTATION = "@keyward.provisioning";

    void writeTo(ObjectNode body) {
        body.putObject(ANNOTATION).put("pinSet", pinSet).put("pinChangeForced", pinChangeForced)
                .put("minimumPinLength", minimumPinLength).put("alwaysUv", alwaysUv);
    }

    /** As a drop-ship file keeps it until the registration. */
    public ObjectNode toJson(ObjectNode node) {
        return node.put("pinSet", pinSet).put("pinChangeForced", pinChangeForced)
                .put("minimumPinLength", minimumPinLength).put("alwaysUv", alwaysUv);
    }

    public static ProvisioningStatement fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        return new ProvisioningStatement(node.path("pinSet").asBoolean(), node.path("pinChangeForced").asBoolean(),
                node.path("minimumPinLength").asInt(4), node.path("alwaysUv").asBoolean());
    }
}
