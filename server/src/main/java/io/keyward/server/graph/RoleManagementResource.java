package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.DirectoryRole;
import io.keyward.server.token.RoleAssignments;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code /roleManagement/directory}: the directory roles Keyward knows ({@code roleDefinitions}, by Entra's template
 * ids) and who holds them ({@code roleAssignments}: list with {@code $filter} on principalId / roleDefinitionId, get,
 * create, delete). Tenant-wide only: {@code directoryScopeId} is {@code /}.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/roleManagement/directory")
@Produces(MediaType.APPLICATION_JSON)
public class RoleManagementResource {

    private static final Map<String, Function<RoleAssignments.Assignment, String>> FILTERABLE = Map.of(
            "principalId", a -> a.principalId().toString(), "roleDefinitionId", a -> a.role().templateId());

    @Inject
    RoleAssignments assignments;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @GET
    @Path("roleDefinitions")
    @RequiresAnyOf({ROLEMANAGEMENT_READ_DIRECTORY, ROLEMANAGEMENT_READWRITE_DIRECTORY, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response definitions() {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        Arrays.stream(DirectoryRole.values()).forEach(role -> values.addObject().put("id", role.templateId()).put("templateId", role.templateId())
                .put("displayName", role.displayName()).put("isBuiltIn", true).put("isEnabled", true));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "roleManagement/directory/roleDefinitions", Optional.empty()),
                values, Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("roleAssignments")
    @RequiresAnyOf({ROLEMANAGEMENT_READ_DIRECTORY, ROLEMANAGEMENT_READWRITE_DIRECTORY, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response list(@QueryParam("$filter") String filter) {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        assignments.list().stream().filter(EqualityFilter.of(Optional.ofNullable(filter), FILTERABLE)).forEach(a -> values.add(json(a)));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "roleManagement/directory/roleAssignments", Optional.empty()),
                values, Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("roleAssignments/{id}")
    @RequiresAnyOf({ROLEMANAGEMENT_READ_DIRECTORY, ROLEMANAGEMENT_READWRITE_DIRECTORY, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        ObjectNode body = json(assignments.require(id));
        body.put("@odata.context", GraphContext.entity(uri, version, "roleManagement/directory/roleAssignments", Optional.empty()));
        return ok(body);
    }

    /**
     * Assigns a directory role. As in Entra, RoleManagement.ReadWrite.Directory can assign every role, Global
     * Administrator included: grant it to no app that does not need it.
     */
    @POST
    @Path("roleAssignments")
    @RequiresAnyOf({ROLEMANAGEMENT_READWRITE_DIRECTORY})
    public Response create(InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "unifiedRoleAssignment"), "unifiedRoleAssignment")
                .allowOnly(Set.of("principalId", "roleDefinitionId", "directoryScopeId"), Set.of("@odata.type", "id"));
        String scope = fields.optionalString("directoryScopeId").orElse("/");
        if (!scope.equals("/")) {
            throw Refused.invalid("directoryScopeId must be '/': Keyward assigns roles tenant-wide only.");
        }
        RoleAssignments.Assignment created = assignments.assign(fields.requiredString("principalId"), fields.requiredString("roleDefinitionId"),
                request.caller().actor());
        ObjectNode json = json(created);
        json.put("@odata.context", GraphContext.entity(uri, version, "roleManagement/directory/roleAssignments", Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + created.id())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @DELETE
    @Path("roleAssignments/{id}")
    @RequiresAnyOf({ROLEMANAGEMENT_READWRITE_DIRECTORY})
    public Response delete(@PathParam("id") String id) {
        assignments.remove(id, request.caller().actor());
        return Response.noContent().build();
    }

    private static ObjectNode json(RoleAssignments.Assignment assignment) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.unifiedRoleAssignment");
        node.put("id", assignment.id());
        node.put("principalId", assignment.principalId().toString());
        node.put("roleDefinitionId", assignment.role().templateId());
        node.put("directoryScopeId", "/");
        return node;
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
