package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.AuthenticationStrength;
import io.keyward.server.access.ConditionalAccessPolicy;
import io.keyward.server.access.Fido2CombinationConfiguration;

import java.util.List;
import java.util.UUID;

/** Graph JSON of {@code authenticationStrengthPolicy} and {@code fido2CombinationConfiguration} (GRAPH-API.md §3). */
final class AuthenticationStrengthJson {

    private AuthenticationStrengthJson() {
    }

    static ObjectNode strength(AuthenticationStrength s) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.authenticationStrengthPolicy");
        node.put("id", s.id().toString());
        node.put("createdDateTime", GraphEntities.time(s.createdDateTime()));
        node.put("modifiedDateTime", GraphEntities.time(s.modifiedDateTime()));
        node.put("displayName", s.displayName());
        node.put("description", s.description());
        node.put("policyType", s.policyType().name());
        node.put("requirementsSatisfied", s.requirementsSatisfied());
        ArrayNode combinations = node.putArray("allowedCombinations");
        s.allowedCombinations().forEach(combinations::add);
        ArrayNode configurations = node.putArray("combinationConfigurations");
        s.combinationConfigurations().forEach(c -> configurations.add(configuration(c)));
        return node;
    }

    static ObjectNode configuration(Fido2CombinationConfiguration c) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.fido2CombinationConfiguration");
        node.put("id", c.id().toString());
        ArrayNode applies = node.putArray("appliesToCombinations");
        Fido2CombinationConfiguration.APPLIES_TO.forEach(applies::add);
        ArrayNode aaguids = node.putArray("allowedAAGUIDs");
        c.allowedAaguids().stream().map(UUID::toString).sorted().forEach(aaguids::add);
        return node;
    }

    /** {@code authenticationStrengthUsage}: the policies that ask for the strength, under mfa or none as the strength satisfies. */
    static ObjectNode usage(AuthenticationStrength strength, List<ConditionalAccessPolicy> policies, java.util.function.Function<ConditionalAccessPolicy, ObjectNode> json) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.authenticationStrengthUsage");
        ArrayNode mfa = node.putArray("mfa");
        ArrayNode none = node.putArray("none");
        policies.forEach(p -> (strength.requirementsSatisfied().equals("mfa") ? mfa : none).add(json.apply(p)));
        return node;
    }
}
