package io.keyward.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.Refused;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configuration as JSON, with Graph's property names: the stored document, the audit log's before and after,
 * and the pieces the Graph API reads from a PATCH body (targets, passkey profiles, key restrictions). Reading is
 * strict: an unknown property or enum value, a malformed AAGUID or id is refused with a message naming it.
 * OData annotations ({@code @odata.type}) are accepted on every object, as Kiota clients may send them.
 */
public final class Fido2ConfigurationDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_LEVEL = Set.of("state", "isSelfServiceRegistrationAllowed", "includeTargets",
            "excludeTargets", "passkeyProfiles", "defaultPasskeyProfile");

    private Fido2ConfigurationDocument() {
    }

    /** The stored form: the profile form only (the legacy top-level properties are views, GRAPH-API §1.3). */
    public static ObjectNode write(Fido2Configuration c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("state", c.state().name());
        node.put("isSelfServiceRegistrationAllowed", c.selfServiceRegistrationAllowed());
        ArrayNode include = node.putArray("includeTargets");
        for (IncludeTarget t : c.includeTargets()) {
            ObjectNode target = include.addObject();
            target.put("id", t.id());
            target.put("targetType", t.targetType().name());
            target.put("isRegistrationRequired", t.registrationRequired());
            ArrayNode profiles = target.putArray("allowedPasskeyProfiles");
            t.allowedPasskeyProfiles().forEach(p -> profiles.add(p.toString()));
        }
        ArrayNode exclude = node.putArray("excludeTargets");
        for (ExcludeTarget t : c.excludeTargets()) {
            exclude.addObject().put("id", t.id()).put("targetType", t.targetType().name());
        }
        ArrayNode profiles = node.putArray("passkeyProfiles");
        for (PasskeyProfile p : c.passkeyProfiles()) {
            ObjectNode profile = profiles.addObject();
            profile.put("id", p.id().toString());
            profile.put("name", p.name());
            profile.put("passkeyTypes", p.passkeyTypesText());
            profile.put("attestationEnforcement", p.attestationEnforcement().name());
            profile.set("keyRestrictions", write(p.keyRestrictions()));
        }
        node.put("defaultPasskeyProfile", c.defaultPasskeyProfile().toString());
        return node;
    }

    public static ObjectNode write(KeyRestrictions r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("isEnforced", r.enforced());
        node.put("enforcementType", r.enforcementType().name());
        ArrayNode aaguids = node.putArray("aaGuids");
        r.aaGuids().forEach(a -> aaguids.add(a.toString()));
        node.put("isAuditOnly", r.auditOnly());
        return node;
    }

    /** Reads a stored document. */
    public static Fido2Configuration read(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("The stored passkey policy is not valid JSON", e);
        }
        requireOnly(node, TOP_LEVEL, "fido2AuthenticationMethodConfiguration");
        UUID defaultProfile = uuid(node.get("defaultPasskeyProfile"), "defaultPasskeyProfile");
        return new Fido2Configuration(enumValue(MethodState.class, node.get("state"), "state"),
                bool(node.get("isSelfServiceRegistrationAllowed"), "isSelfServiceRegistrationAllowed"),
                includeTargets(node.get("includeTargets")), excludeTargets(node.get("excludeTargets")),
                passkeyProfiles(node.get("passkeyProfiles"), id -> Optional.empty()), defaultProfile);
    }

    public static List<IncludeTarget> includeTargets(JsonNode array) {
        List<IncludeTarget> targets = new ArrayList<>();
        for (JsonNode t : elements(array, "includeTargets")) {
            requireOnly(t, Set.of("id", "targetType", "isRegistrationRequired", "allowedPasskeyProfiles"), "passkeyAuthenticationMethodTarget");
            List<UUID> profiles = new ArrayList<>();
            if (t.hasNonNull("allowedPasskeyProfiles")) {
                for (JsonNode p : elements(t.get("allowedPasskeyProfiles"), "allowedPasskeyProfiles")) {
                    profiles.add(uuid(p, "allowedPasskeyProfiles"));
                }
            }
            targets.add(new IncludeTarget(text(t.get("id"), "includeTargets.id"), enumValue(TargetType.class, t.get("targetType"),
                    "includeTargets.targetType"), t.hasNonNull("isRegistrationRequired") && bool(t.get("isRegistrationRequired"),
                    "isRegistrationRequired"), profiles));
        }
        return targets;
    }

    public static List<ExcludeTarget> excludeTargets(JsonNode array) {
        List<ExcludeTarget> targets = new ArrayList<>();
        for (JsonNode t : elements(array, "excludeTargets")) {
            requireOnly(t, Set.of("id", "targetType"), "excludeTarget");
            targets.add(new ExcludeTarget(text(t.get("id"), "excludeTargets.id"),
                    enumValue(TargetType.class, t.get("targetType"), "excludeTargets.targetType")));
        }
        return targets;
    }

    /**
     * Reads passkey profiles. A profile whose id {@code existing} knows keeps the properties the JSON leaves out;
     * a new profile needs a name and starts with both passkey types, no attestation and no restrictions.
     */
    public static List<PasskeyProfile> passkeyProfiles(JsonNode array, Function<UUID, Optional<PasskeyProfile>> existing) {
        List<PasskeyProfile> profiles = new ArrayList<>();
        for (JsonNode p : elements(array, "passkeyProfiles")) {
            requireOnly(p, Set.of("id", "name", "passkeyTypes", "attestationEnforcement", "keyRestrictions"), "passkeyProfile");
            UUID id = p.hasNonNull("id") ? uuid(p.get("id"), "passkeyProfiles.id") : UUID.randomUUID();
            String name = p.hasNonNull("name") ? text(p.get("name"), "passkeyProfiles.name") : null;
            PasskeyProfile profile = existing.apply(id).orElseGet(() -> PasskeyProfile.permissive(id, name == null ? "" : name));
            if (name != null) {
                profile = new PasskeyProfile(id, name, profile.passkeyTypes(), profile.attestationEnforcement(), profile.keyRestrictions());
            }
            if (p.hasNonNull("passkeyTypes")) {
                profile = profile.withPasskeyTypes(passkeyTypes(p.get("passkeyTypes")));
            }
            if (p.hasNonNull("attestationEnforcement")) {
                profile = profile.withAttestationEnforcement(enumValue(AttestationEnforcement.class, p.get("attestationEnforcement"),
                        "passkeyProfiles.attestationEnforcement"));
            }
            if (p.hasNonNull("keyRestrictions")) {
                profile = profile.withKeyRestrictions(keyRestrictions(p.get("keyRestrictions"), profile.keyRestrictions()));
            }
            profiles.add(profile);
        }
        return profiles;
    }

    /** Reads key restrictions over {@code base}: properties left out keep its values. AAGUIDs are normalized. */
    public static KeyRestrictions keyRestrictions(JsonNode node, KeyRestrictions base) {
        if (!node.isObject()) {
            throw Refused.invalid("Property 'keyRestrictions' must be an object.");
        }
        requireOnly(node, Set.of("isEnforced", "enforcementType", "aaGuids", "isAuditOnly"), "fido2KeyRestrictions");
        KeyRestrictions result = base;
        if (node.hasNonNull("isEnforced")) {
            result = result.withEnforced(bool(node.get("isEnforced"), "keyRestrictions.isEnforced"));
        }
        if (node.hasNonNull("enforcementType")) {
            result = result.withEnforcementType(enumValue(EnforcementType.class, node.get("enforcementType"), "keyRestrictions.enforcementType"));
        }
        if (node.hasNonNull("aaGuids")) {
            List<UUID> aaguids = new ArrayList<>();
            for (JsonNode a : elements(node.get("aaGuids"), "keyRestrictions.aaGuids")) {
                aaguids.add(Aaguids.parse(text(a, "keyRestrictions.aaGuids")));
            }
            result = result.withAaGuids(aaguids);
        }
        if (node.hasNonNull("isAuditOnly")) {
            result = result.withAuditOnly(bool(node.get("isAuditOnly"), "keyRestrictions.isAuditOnly"));
        }
        return result;
    }

    /** Graph's flags form {@code "deviceBound,synced"}; a JSON array of the names is accepted too. */
    static Set<PasskeyType> passkeyTypes(JsonNode node) {
        List<JsonNode> names = new ArrayList<>();
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    names.add(JSON.getNodeFactory().textNode(part.trim()));
                }
            }
        } else {
            names.addAll(elements(node, "passkeyTypes"));
        }
        Set<PasskeyType> types = EnumSet.noneOf(PasskeyType.class);
        for (JsonNode name : names) {
            types.add(enumValue(PasskeyType.class, name, "passkeyTypes"));
        }
        return types;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String property) {
        String value = text(node, property);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> Refused.invalid("'" + value + "' is not a valid value for " + property + "; use one of: "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + "."));
    }

    static boolean bool(JsonNode node, String property) {
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        if (node != null && node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw Refused.invalid("Property '" + property + "' must be true or false.");
    }

    static String text(JsonNode node, String property) {
        if (node == null || node.isNull()) {
            throw Refused.invalid("Property '" + property + "' is required.");
        }
        if (!node.isTextual()) {
            throw Refused.invalid("Property '" + property + "' must be a string.");
        }
        return node.asText();
    }

    static UUID uuid(JsonNode node, String property) {
        String value = text(node, property);
        return PolicyTargetIds.objectId(value.trim()).orElseThrow(() -> Refused.invalid(
                "'" + value + "' in " + property + " is not a valid identifier (a GUID)."));
    }

    private static List<JsonNode> elements(JsonNode node, String property) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw Refused.invalid("Property '" + property + "' must be an array.");
        }
        List<JsonNode> elements = new ArrayList<>();
        node.forEach(elements::add);
        return elements;
    }

    private static void requireOnly(JsonNode node, Set<String> known, String type) {
        if (!node.isObject()) {
            throw Refused.invalid("Each entry of a " + type + " collection must be an object.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !name.startsWith("@odata.")) {
                throw Refused.invalid("Property '" + name + "' does not exist on type 'microsoft.graph." + type + "'.");
            }
        }
    }
}
