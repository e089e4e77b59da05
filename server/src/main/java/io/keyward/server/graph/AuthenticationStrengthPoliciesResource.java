package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.AuthenticationStrength;
import io.keyward.server.access.AuthenticationStrengths;
import io.keyward.server.access.Fido2CombinationConfiguration;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.POLICY_READWRITE_AUTHENTICATIONMETHOD;
import static io.keyward.server.token.GraphPermission.POLICY_READWRITE_CONDITIONALACCESS;
import static io.keyward.server.token.GraphPermission.POLICY_READ_ALL;
import static io.keyward.server.token.GraphPermission.POLICY_READ_AUTHENTICATIONMETHOD;

/**
 * {@code /policies/authenticationStrengthPolicies} (also reached as
 * {@code /identity/conditionalAccess/authenticationStrength/policies}, GRAPH-API.md §3): the built-in strengths
 * (read-only) and custom ones; {@code updateAllowedCombinations}; {@code combinationConfigurations} restricting a
 * custom strength's fido2 to passkey models; {@code usage}; {@code $filter} on {@code policyType} and {@code displayName}.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/policies/authenticationStrengthPolicies")
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationStrengthPoliciesResource {

    static final String ENTITY_SET = "policies/authenticationStrengthPolicies";
    private static final Set<String> READ_ONLY = Set.of("id", "createdDateTime", "modifiedDateTime", "policyType", "requirementsSatisfied",
            "@odata.context", "combinationConfigurations@odata.context");

    @Inject
    AuthenticationStrengths strengths;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @GET
    @RequiresAnyOf({POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READ_ALL, POLICY_READWRITE_AUTHENTICATIONMETHOD, POLICY_READWRITE_CONDITIONALACCESS})
    public Response list(@QueryParam("$filter") String filter) {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        strengths.list().stream().filter(EqualityFilter.<AuthenticationStrength>of(Optional.ofNullable(filter), Map.of(
                        "policyType", s -> s.policyType().name(), "displayName", AuthenticationStrength::displayName)))
                .forEach(s -> values.add(AuthenticationStrengthJson.strength(s)));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, ENTITY_SET, Optional.empty()), values,
                Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READ_ALL, POLICY_READWRITE_AUTHENTICATIONMETHOD, POLICY_READWRITE_CONDITIONALACCESS})
    public Response get(@PathParam("id") String id) {
        ObjectNode body = AuthenticationStrengthJson.strength(strengths.require(id));
        body.put("@odata.context", GraphContext.entity(uri, version, ENTITY_SET, Optional.empty()));
        return ok(body);
    }

    @POST
    @RequiresAnyOf({POLICY_READWRITE_CONDITIONALACCESS, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response create(InputStream body) {
        JsonFields fields = fields(body, "authenticationStrengthPolicy")
                .allowOnly(Set.of("displayName", "description", "allowedCombinations"), READ_ONLY);
        if (fields.optionalString("policyType").filter(t -> !t.equals("custom")).isPresent()) {
            throw Refused.invalid("Only custom authentication strengths can be created.");
        }
        AuthenticationStrength created = strengths.create(fields.requiredString("displayName"), fields.optionalString("description"),
                fields.optionalStringList("allowedCombinations").orElse(List.of()), request.caller().actor());
        ObjectNode json = AuthenticationStrengthJson.strength(created);
        json.put("@odata.context", GraphContext.entity(uri, version, ENTITY_SET, Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + created.id())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    /** Name and description only: combinations change through {@code updateAllowedCombinations}, as in Graph. */
    @PATCH
    @Path("{id}")
    @RequiresAnyOf({POLICY_READWRITE_CONDITIONALACCESS, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response update(@PathParam("id") String id, InputStream body) {
        JsonFields fields = fields(body, "authenticationStrengthPolicy");
        if (fields.has("allowedCombinations")) {
            strengths.require(id);
            throw Refused.invalid("allowedCombinations cannot be changed with PATCH; POST them to "
                    + "/policies/authenticationStrengthPolicies/" + id + "/updateAllowedCombinations.");
        }
        fields.allowOnly(Set.of("displayName", "description"), READ_ONLY);
        strengths.update(id, fields.optionalString("displayName"), fields.optionalString("description"), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @RequiresAnyOf({POLICY_READWRITE_CONDITIONALACCESS, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response delete(@PathParam("id") String id) {
        strengths.delete(id, request.caller().actor());
        return Response.noContent().build();
    }

    /** {@code updateAllowedCombinations}: answers with the strength's new {@code allowedCombinations} (updateAllowedCombinationsResult). */
    @POST
    @Path("{id}/updateAllowedCombinations")
    @RequiresAnyOf({POLICY_READWRITE_CONDITIONALACCESS, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response updateAllowedCombinations(@PathParam("id") String id, InputStream body) {
        JsonFields fields = fields(body, "updateAllowedCombinations").allowOnly(Set.of("allowedCombinations"), Set.of());
        AuthenticationStrength before = strengths.require(id);
        AuthenticationStrength after = strengths.updateAllowedCombinations(id, fields.optionalStringList("allowedCombinations")
                .orElseThrow(() -> Refused.invalid("Property 'allowedCombinations' is required.")), request.caller().actor());
        ObjectNode json = GraphJson.MAPPER.createObjectNode();
        json.put("@odata.context", GraphContext.entity(uri, version, "microsoft.graph.updateAllowedCombinationsResult", Optional.empty())
                .replace("/$entity", ""));
        ArrayNode current = json.putArray("currentCombinations");
        after.allowedCombinations().forEach(current::add);
        ArrayNode previous = json.putArray("previousCombinations");
        before.allowedCombinations().forEach(previous::add);
        return ok(json);
    }

    @GET
    @Path("{id}/usage")
    @RequiresAnyOf({POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READ_ALL, POLICY_READWRITE_AUTHENTICATIONMETHOD, POLICY_READWRITE_CONDITIONALACCESS})
    public Response usage(@PathParam("id") String id) {
        AuthenticationStrength strength = strengths.require(id);
        ObjectNode json = AuthenticationStrengthJson.usage(strength, strengths.usage(id), p -> ConditionalAccessPolicyJson.policy(p, strengths::find));
        json.put("@odata.context", GraphContext.entity(uri, version, "microsoft.graph.authenticationStrengthUsage", Optional.empty())
                .replace("/$entity", ""));
        return ok(json);
    }

    @GET
    @Path("{id}/combinationConfigurations")
    @RequiresAnyOf({POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READ_ALL, POLICY_READWRITE_AUTHENTICATIONMETHOD, POLICY_READWRITE_CONDITIONALACCESS})
    public Response listCombinationConfigurations(@PathParam("id") String id) {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        strengths.require(id).combinationConfigurations().forEach(c -> values.add(AuthenticationStrengthJson.configuration(c)));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, ENTITY_SET + "('" + id + "')/combinationConfigurations",
                Optional.empty()), values, Optional.empty(), Optional.empty()));
    }

    /** Only a {@code fido2CombinationConfiguration}, only on a custom strength: 201 with the configuration. */
    @POST
    @Path("{id}/combinationConfigurations")
    @RequiresAnyOf({POLICY_READWRITE_CONDITIONALACCESS, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response addCombinationConfiguration(@PathParam("id") String id, InputStream body) {
        JsonFields fields = combination(body);
        Fido2CombinationConfiguration created = strengths.addCombinationConfiguration(id,
                fields.optionalStringList("appliesToCombinations").orElse(Fido2CombinationConfiguration.APPLIES_TO),
                fields.optionalStringList("allowedAAGUIDs").orElse(List.of()), request.caller().actor());
        ObjectNode json = AuthenticationStrengthJson.configuration(created);
        json.put("@odata.context", GraphContext.entity(uri, version, ENTITY_SET + "('" + id + "')/combinationConfigurations", Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + created.id())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @GET
    @Path("{id}/combinationConfigurations/{configurationId}")
    @RequiresAnyOf({POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READ_ALL, POLICY_READWRITE_AUTHENTICATIONMETHOD, POLICY_READWRITE_CONDITIONALACCESS})
    public Response getCombinationConfiguration(@PathParam("id") String id, @PathParam("configurationId") String configurationId) {
        ObjectNode json = AuthenticationStrengthJson.configuration(strengths.combinationConfiguration(id, configurationId));
        json.put("@odata.context", GraphContext.entity(uri, version, ENTITY_SET + "('" + id + "')/combinationConfigurations", Optional.empty()));
        return ok(json);
    }

    @PATCH
    @Path("{id}/combinationConfigurations/{configurationId}")
    @RequiresAnyOf({POLICY_READWRITE_CONDITIONALACCESS, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response updateCombinationConfiguration(@PathParam("id") String id, @PathParam("configurationId") String configurationId,
                                                   InputStream body) {
        JsonFields fields = combination(body);
        fields.optionalStringList("appliesToCombinations").filter(a -> !a.equals(Fido2CombinationConfiguration.APPLIES_TO)).ifPresent(a -> {
            throw Refused.invalid("A fido2CombinationConfiguration applies to [\"fido2\"] only; appliesToCombinations was " + a + ".");
        });
        strengths.updateCombinationConfiguration(id, configurationId, fields.optionalStringList("allowedAAGUIDs")
                .orElseThrow(() -> Refused.invalid("Property 'allowedAAGUIDs' is required.")), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/combinationConfigurations/{configurationId}")
    @RequiresAnyOf({POLICY_READWRITE_CONDITIONALACCESS, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response deleteCombinationConfiguration(@PathParam("id") String id, @PathParam("configurationId") String configurationId) {
        strengths.deleteCombinationConfiguration(id, configurationId, request.caller().actor());
        return Response.noContent().build();
    }

    /** The body of a combination configuration: {@code @odata.type} must be the fido2 one, the only type Keyward (and Graph) creates. */
    private JsonFields combination(InputStream body) {
        ObjectNode json = GraphJson.readObject(body, config.maxRequestBytes(), "fido2CombinationConfiguration");
        String type = json.path("@odata.type").asText("#microsoft.graph.fido2CombinationConfiguration");
        if (!type.equalsIgnoreCase("#microsoft.graph.fido2CombinationConfiguration") && !type.equalsIgnoreCase("microsoft.graph.fido2CombinationConfiguration")) {
            throw Refused.invalid("Only #microsoft.graph.fido2CombinationConfiguration can be created; '" + type + "' is not supported.");
        }
        return new JsonFields(json, "fido2CombinationConfiguration").allowOnly(Set.of("allowedAAGUIDs", "appliesToCombinations"),
                Set.of("id", "@odata.context"));
    }

    private JsonFields fields(InputStream body, String type) {
        return new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), type), type);
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
