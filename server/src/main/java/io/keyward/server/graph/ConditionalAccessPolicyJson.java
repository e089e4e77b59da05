package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.AuthenticationStrength;
import io.keyward.server.access.ConditionalAccessDraft;
import io.keyward.server.access.ConditionalAccessPolicy;
import io.keyward.server.platform.Refused;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Graph JSON of {@code conditionalAccessPolicy} (GRAPH-API.md §3), both ways. On write the strength is sent by id;
 * on read it is returned inline, as Graph does. Conditions Keyward does not evaluate (platforms, locations, risk,
 * devices…) are refused when set rather than silently ignored: a policy must never look stricter than it is.
 */
final class ConditionalAccessPolicyJson {

    static final String TYPE = "conditionalAccessPolicy";
    private static final Set<String> UNSUPPORTED_CONDITIONS = Set.of("platforms", "locations", "signInRiskLevels", "userRiskLevels",
            "servicePrincipalRiskLevels", "devices", "clientApplications", "authenticationFlows", "insiderRiskLevels", "times", "deviceStates");

    private ConditionalAccessPolicyJson() {
    }

    static ObjectNode policy(ConditionalAccessPolicy p, Function<UUID, Optional<AuthenticationStrength>> strengths) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.conditionalAccessPolicy");
        node.put("id", p.id().toString());
        node.putNull("templateId");
        node.put("displayName", p.displayName());
        node.put("createdDateTime", GraphEntities.time(p.createdDateTime()));
        node.put("modifiedDateTime", GraphEntities.time(p.modifiedDateTime()));
        node.put("state", p.state().name());
        node.putNull("sessionControls");
        ObjectNode conditions = node.putObject("conditions");
        conditions.putArray("clientAppTypes").add("all");
        UNSUPPORTED_CONDITIONS.stream().sorted().forEach(conditions::putNull);
        ObjectNode apps = conditions.putObject("applications");
        strings(apps.putArray("includeApplications"), p.applications().includeApplications());
        strings(apps.putArray("excludeApplications"), p.applications().excludeApplications());
        apps.putArray("includeUserActions");
        apps.putArray("includeAuthenticationContextClassReferences");
        ObjectNode users = conditions.putObject("users");
        strings(users.putArray("includeUsers"), p.users().includeUsers());
        strings(users.putArray("excludeUsers"), p.users().excludeUsers());
        strings(users.putArray("includeGroups"), p.users().includeGroups());
        strings(users.putArray("excludeGroups"), p.users().excludeGroups());
        strings(users.putArray("includeRoles"), p.users().includeRoles());
        strings(users.putArray("excludeRoles"), p.users().excludeRoles());
        users.putNull("includeGuestsOrExternalUsers");
        users.putNull("excludeGuestsOrExternalUsers");
        ObjectNode grant = node.putObject("grantControls");
        grant.put("operator", "OR");
        ArrayNode builtIn = grant.putArray("builtInControls");
        if (p.grant().block()) {
            builtIn.add("block");
        }
        grant.putArray("customAuthenticationFactors");
        grant.putArray("termsOfUse");
        Optional<AuthenticationStrength> strength = p.grant().authenticationStrengthId().flatMap(strengths);
        if (strength.isPresent()) {
            grant.set("authenticationStrength", AuthenticationStrengthJson.strength(strength.get()));
        } else {
            grant.putNull("authenticationStrength");
        }
        return node;
    }

    /** A create or PATCH body, every part optional ({@link ConditionalAccessDraft}); the domain validates the whole policy. */
    static ConditionalAccessDraft draft(ObjectNode body) {
        JsonFields fields = new JsonFields(body, TYPE).allowOnly(Set.of("displayName", "state", "conditions", "grantControls", "sessionControls"),
                Set.of("id", "createdDateTime", "modifiedDateTime", "templateId", "@odata.context", "description"));
        fields.optionalObject("sessionControls").ifPresent(s -> {
            throw Refused.invalid("sessionControls are not supported by Keyward; leave them out or null.");
        });
        Optional<ConditionalAccessPolicy.State> state = fields.optionalString("state").map(ConditionalAccessPolicyJson::state);
        Optional<ConditionalAccessPolicy.Users> users = Optional.empty();
        Optional<ConditionalAccessPolicy.Applications> applications = Optional.empty();
        Optional<JsonFields> conditions = fields.optionalObject("conditions").map(c -> new JsonFields(c, "conditionalAccessConditionSet"));
        if (conditions.isPresent()) {
            ObjectNode raw = fields.optionalObject("conditions").orElseThrow();
            for (String name : UNSUPPORTED_CONDITIONS) {
                JsonNode value = raw.get(name);
                if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                    throw Refused.invalid("The condition '" + name + "' is not supported by Keyward; leave it out or null.");
                }
            }
            Set<String> ignored = new LinkedHashSet<>(UNSUPPORTED_CONDITIONS);
            conditions.get().allowOnly(Set.of("applications", "users", "clientAppTypes"), ignored);
            conditions.get().optionalStringList("clientAppTypes").filter(t -> !t.isEmpty() && !t.equals(List.of("all"))).ifPresent(t -> {
                throw Refused.invalid("clientAppTypes must be [\"all\"]: Keyward signs in browsers and apps alike.");
            });
            users = conditions.get().optionalObject("users").map(ConditionalAccessPolicyJson::users);
            applications = conditions.get().optionalObject("applications").map(ConditionalAccessPolicyJson::applications);
        }
        Optional<ConditionalAccessPolicy.Grant> grant = fields.optionalObject("grantControls").map(ConditionalAccessPolicyJson::grant);
        return new ConditionalAccessDraft(fields.optionalString("displayName"), state, users, applications, grant);
    }

    private static ConditionalAccessPolicy.State state(String value) {
        for (ConditionalAccessPolicy.State state : ConditionalAccessPolicy.State.values()) {
            if (state.name().equalsIgnoreCase(value)) {
                return state;
            }
        }
        throw Refused.invalid("state must be enabled, disabled or enabledForReportingButNotEnforced, not '" + value + "'.");
    }

    private static ConditionalAccessPolicy.Users users(ObjectNode node) {
        JsonFields users = new JsonFields(node, "conditionalAccessUsers").allowOnly(Set.of("includeUsers", "excludeUsers", "includeGroups",
                "excludeGroups", "includeRoles", "excludeRoles"), Set.of("includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers"));
        for (String name : List.of("includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers")) {
            if (node.hasNonNull(name)) {
                throw Refused.invalid(name + " is not supported by Keyward; use \"GuestsOrExternalUsers\" in includeUsers or excludeUsers.");
            }
        }
        return new ConditionalAccessPolicy.Users(userEntries(users, "includeUsers"), userEntries(users, "excludeUsers"),
                guids(users, "includeGroups"), guids(users, "excludeGroups"), roles(users, "includeRoles"), roles(users, "excludeRoles"));
    }

    private static ConditionalAccessPolicy.Applications applications(ObjectNode node) {
        JsonFields apps = new JsonFields(node, "conditionalAccessApplications").allowOnly(Set.of("includeApplications", "excludeApplications"),
                Set.of("includeUserActions", "includeAuthenticationContextClassReferences", "applicationFilter"));
        for (String name : List.of("includeUserActions", "includeAuthenticationContextClassReferences")) {
            if (node.has(name) && node.get(name).isArray() && !node.get(name).isEmpty()) {
                throw Refused.invalid(name + " is not supported by Keyward; target apps with includeApplications.");
            }
        }
        if (node.hasNonNull("applicationFilter")) {
            throw Refused.invalid("applicationFilter is not supported by Keyward; target apps with includeApplications.");
        }
        return new ConditionalAccessPolicy.Applications(special(apps, "includeApplications"), special(apps, "excludeApplications"));
    }

    private static ConditionalAccessPolicy.Grant grant(ObjectNode node) {
        JsonFields grant = new JsonFields(node, "conditionalAccessGrantControls").allowOnly(Set.of("operator", "builtInControls",
                "authenticationStrength"), Set.of("customAuthenticationFactors", "termsOfUse", "authenticationStrength@odata.context"));
        for (String name : List.of("customAuthenticationFactors", "termsOfUse")) {
            if (node.has(name) && node.get(name).isArray() && !node.get(name).isEmpty()) {
                throw Refused.invalid(name + " are not supported by Keyward.");
            }
        }
        grant.optionalString("operator").filter(o -> !o.equals("AND") && !o.equals("OR")).ifPresent(o -> {
            throw Refused.invalid("grantControls.operator must be AND or OR, not '" + o + "'.");
        });
        List<String> controls = grant.optionalStringList("builtInControls").orElse(List.of());
        for (String control : controls) {
            if (!control.equalsIgnoreCase("block")) {
                throw Refused.invalid("The grant control '" + control + "' is not supported by Keyward: block access, or require an "
                        + "authenticationStrength (the built-in 'Multifactor authentication' strength stands for mfa).");
            }
        }
        Optional<UUID> strength = grant.optionalObject("authenticationStrength").map(s -> {
            JsonNode id = s.get("id");
            if (id == null || !id.isTextual()) {
                throw Refused.invalid("grantControls.authenticationStrength needs the strength's 'id'.");
            }
            return guid(id.asText(), "grantControls.authenticationStrength.id");
        });
        if (!controls.isEmpty() && strength.isPresent()) {
            throw Refused.invalid("grantControls cannot both block access and require an authentication strength.");
        }
        return new ConditionalAccessPolicy.Grant(!controls.isEmpty(), strength);
    }

    private static Set<String> userEntries(JsonFields fields, String name) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : fields.optionalStringList(name).orElse(List.of())) {
            String special = switch (entry.toLowerCase(Locale.ROOT)) {
                case "all" -> ConditionalAccessPolicy.ALL;
                case "none" -> ConditionalAccessPolicy.NONE;
                case "guestsorexternalusers" -> ConditionalAccessPolicy.GUESTS_OR_EXTERNAL_USERS;
                default -> null;
            };
            entries.add(special != null ? special : guid(entry, name).toString());
        }
        return entries;
    }

    private static Set<String> special(JsonFields fields, String name) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : fields.optionalStringList(name).orElse(List.of())) {
            entries.add(entry.equalsIgnoreCase("all") ? ConditionalAccessPolicy.ALL : entry.equalsIgnoreCase("none")
                    ? ConditionalAccessPolicy.NONE : guid(entry, name).toString());
        }
        return entries;
    }

    private static Set<UUID> guids(JsonFields fields, String name) {
        Set<UUID> ids = new LinkedHashSet<>();
        fields.optionalStringList(name).orElse(List.of()).forEach(id -> ids.add(guid(id, name)));
        return ids;
    }

    private static Set<String> roles(JsonFields fields, String name) {
        Set<String> ids = new LinkedHashSet<>();
        fields.optionalStringList(name).orElse(List.of()).forEach(id -> ids.add(guid(id, name).toString()));
        return ids;
    }

    private static UUID guid(String value, String where) {
        try {
            if (value.trim().length() == 36) {
                return UUID.fromString(value.trim());
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw Refused.invalid("'" + value + "' in " + where + " is not an id (a GUID).");
    }

    private static void strings(ArrayNode array, Collection<?> values) {
        values.stream().map(Object::toString).sorted().forEach(array::add);
    }
}
