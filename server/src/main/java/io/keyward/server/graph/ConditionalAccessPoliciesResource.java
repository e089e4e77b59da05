package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.AuthenticationStrengths;
import io.keyward.server.access.ConditionalAccessPolicies;
import io.keyward.server.access.ConditionalAccessPolicy;
import io.keyward.server.platform.KeywardConfig;
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
import java.util.Map;
import java.util.Optional;

import static io.keyward.server.token.GraphPermission.POLICY_READWRITE_CONDITIONALACCESS;
import static io.keyward.server.token.GraphPermission.POLICY_READ_ALL;

/**
 * {@code /identity/conditionalAccess/policies}: conditional access policies (users, groups, roles, guests; apps;
 * block or an authentication strength; enabled, disabled or report-only), evaluated when someone signs into an app
 * ([conditional-access.md]). {@code $filter} on {@code state} and {@code displayName}.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/identity/conditionalAccess/policies")
@Produces(MediaType.APPLICATION_JSON)
public class ConditionalAccessPoliciesResource {

    static final String ENTITY_SET = "identity/conditionalAccess/policies";

    @Inject
    ConditionalAccessPolicies policies;

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
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READWRITE_CONDITIONALACCESS})
    public Response list(@QueryParam("$filter") String filter) {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        policies.list().stream().filter(EqualityFilter.<ConditionalAccessPolicy>of(Optional.ofNullable(filter), Map.of(
                        "state", p -> p.state().name(), "displayName", ConditionalAccessPolicy::displayName)))
                .forEach(p -> values.add(ConditionalAccessPolicyJson.policy(p, strengths::find)));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, ENTITY_SET, Optional.empty()), values,
                Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READWRITE_CONDITIONALACCESS})
    public Response get(@PathParam("id") String id) {
        ObjectNode body = ConditionalAccessPolicyJson.policy(policies.require(id), strengths::find);
        body.put("@odata.context", GraphContext.entity(uri, version, ENTITY_SET, Optional.empty()));
        return ok(body);
    }

    @POST
    @RequiresAnyOf(POLICY_READWRITE_CONDITIONALACCESS)
    public Response create(InputStream body) {
        ConditionalAccessPolicy created = policies.create(ConditionalAccessPolicyJson.draft(read(body)), request.caller().actor());
        ObjectNode json = ConditionalAccessPolicyJson.policy(created, strengths::find);
        json.put("@odata.context", GraphContext.entity(uri, version, ENTITY_SET, Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + created.id())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @PATCH
    @Path("{id}")
    @RequiresAnyOf(POLICY_READWRITE_CONDITIONALACCESS)
    public Response update(@PathParam("id") String id, InputStream body) {
        policies.update(id, ConditionalAccessPolicyJson.draft(read(body)), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @RequiresAnyOf(POLICY_READWRITE_CONDITIONALACCESS)
    public Response delete(@PathParam("id") String id) {
        policies.delete(id, request.caller().actor());
        return Response.noContent().build();
    }

    private ObjectNode read(InputStream body) {
        return GraphJson.readObject(body, config.maxRequestBytes(), ConditionalAccessPolicyJson.TYPE);
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
