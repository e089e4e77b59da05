package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.Fido2ConfigurationDocument;
import io.keyward.server.policy.IncludeTarget;
import io.keyward.server.policy.KeyRestrictions;
import io.keyward.server.policy.MethodState;
import io.keyward.server.policy.PasskeyProfile;
import io.keyward.server.policy.StoredFido2Configuration;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Graph JSON of {@code fido2AuthenticationMethodConfiguration} (GRAPH-API §1.3) and the PATCH that changes it.
 * Besides Graph's properties the body carries Keyward's extensions {@code isMicrosoftAuthenticatorIncluded} and
 * {@code keyRestrictions.isAuditOnly}; Graph SDKs keep them in {@code additionalData}.
 */
final class Fido2ConfigurationJson {

    static final String TYPE = "fido2AuthenticationMethodConfiguration";
    static final String ODATA_TYPE = "#microsoft.graph." + TYPE;
    static final String ID = "Fido2";

    private static final Set<String> WRITABLE = Set.of("state", "isSelfServiceRegistrationAllowed", "isAttestationEnforced",
            "keyRestrictions", "includeTargets", "excludeTargets", "passkeyProfiles", "defaultPasskeyProfile",
            "isMicrosoftAuthenticatorIncluded");
    private static final Set<String> READ_ONLY = Set.of("id", "@odata.context", "@odata.etag", "@odata.id",
            "includeTargets@odata.context", "excludeTargets@odata.context", "passkeyProfiles@odata.context");

    private Fido2ConfigurationJson() {
    }

    static ObjectNode write(StoredFido2Configuration stored) {
        Fido2Configuration c = stored.configuration();
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", ODATA_TYPE);
        node.put("@odata.etag", stored.etag());
        node.put("id", ID);
        ObjectNode document = Fido2ConfigurationDocument.write(c);
        node.set("state", document.get("state"));
        node.set("isSelfServiceRegistrationAllowed", document.get("isSelfServiceRegistrationAllowed"));
        node.put("isAttestationEnforced", c.attestationEnforced());
        node.set("keyRestrictions", Fido2ConfigurationDocument.write(c.keyRestrictions()));
        node.put("isMicrosoftAuthenticatorIncluded", c.microsoftAuthenticatorIncluded());
        node.set("defaultPasskeyProfile", document.get("defaultPasskeyProfile"));
        node.set("includeTargets", document.get("includeTargets"));
        node.set("excludeTargets", document.get("excludeTargets"));
        node.set("passkeyProfiles", document.get("passkeyProfiles"));
        return node;
    }

    /**
     * Reads a PATCH body into the change it makes. Only the properties sent change. Targets and profiles are
     * collections and are replaced as a whole (a profile that keeps its id keeps the properties it leaves out).
     * The legacy {@code isAttestationEnforced} and {@code keyRestrictions}, and {@code isMicrosoftAuthenticatorIncluded},
     * write the default profile when their value differs from the current one, after {@code passkeyProfiles}: so a
     * client that read the whole configuration, changed one of them and sent everything back changes what it meant to.
     */
    static UnaryOperator<Fido2Configuration> patch(ObjectNode body) {
        JsonFields fields = new JsonFields(body, TYPE).allowOnly(WRITABLE, READ_ONLY);
        if (!fields.has("@odata.type")) {
            throw Refused.invalid("A PATCH of the FIDO2 configuration must carry \"@odata.type\": \"" + ODATA_TYPE + "\".");
        }
        Optional<MethodState> state = fields.optionalString("state").map(s -> enumState(body.get("state")));
        Optional<Boolean> selfService = fields.optionalBoolean("isSelfServiceRegistrationAllowed");
        Optional<Boolean> attestation = fields.optionalBoolean("isAttestationEnforced");
        Optional<Boolean> authenticator = fields.optionalBoolean("isMicrosoftAuthenticatorIncluded");
        Optional<UUID> defaultProfile = fields.optionalString("defaultPasskeyProfile").map(s -> uuid(s, "defaultPasskeyProfile"));
        JsonNode restrictions = present(body, "keyRestrictions");
        JsonNode include = present(body, "includeTargets");
        JsonNode exclude = present(body, "excludeTargets");
        JsonNode profiles = present(body, "passkeyProfiles");
        return current -> {
            defaultProfile.filter(id -> !id.equals(current.defaultPasskeyProfile())).ifPresent(id -> {
                throw Refused.invalid("The default passkey profile is " + current.defaultPasskeyProfile() + " and cannot be changed.");
            });
            List<PasskeyProfile> nextProfiles = profiles == null ? current.passkeyProfiles()
                    : Fido2ConfigurationDocument.passkeyProfiles(profiles, id -> current.passkeyProfiles().stream()
                    .filter(p -> p.id().equals(id)).findFirst());
            List<IncludeTarget> nextTargets = include == null ? current.includeTargets() : Fido2ConfigurationDocument.includeTargets(include);
            Fido2Configuration.refuseDeletingProfilesInUse(current.passkeyProfiles(), nextProfiles, nextTargets);
            Fido2Configuration next = new Fido2Configuration(state.orElse(current.state()),
                    selfService.orElse(current.selfServiceRegistrationAllowed()), nextTargets,
                    exclude == null ? current.excludeTargets() : Fido2ConfigurationDocument.excludeTargets(exclude),
                    nextProfiles, current.defaultPasskeyProfile());
            if (attestation.isPresent() && attestation.get() != current.attestationEnforced()) {
                next = next.withAttestationEnforced(attestation.get());
            }
            if (restrictions != null) {
                KeyRestrictions sent = Fido2ConfigurationDocument.keyRestrictions(restrictions, current.keyRestrictions());
                if (!sent.equals(current.keyRestrictions())) {
                    next = next.withKeyRestrictions(Fido2ConfigurationDocument.keyRestrictions(restrictions, next.keyRestrictions()));
                }
            }
            if (authenticator.isPresent() && authenticator.get() != current.microsoftAuthenticatorIncluded()) {
                next = next.withMicrosoftAuthenticatorIncluded(authenticator.get());
            }
            return next;
        };
    }

    private static MethodState enumState(JsonNode node) {
        String value = node.asText().trim();
        for (MethodState s : MethodState.values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw Refused.invalid("'" + node.asText() + "' is not a valid value for state; use one of: enabled, disabled.");
    }

    private static UUID uuid(String value, String property) {
        try {
            if (value.trim().length() == 36) {
                return UUID.fromString(value.trim());
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Refused.invalid("'" + value + "' in " + property + " is not a valid identifier (a GUID).");
    }

    private static JsonNode present(ObjectNode body, String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }
}
