package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.ClientApplication;
import io.keyward.server.token.GraphPermission;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code /servicePrincipals}: Keyward's Graph API and one service principal per app registration
 * ({@link ServicePrincipalJson}); application permissions are granted to an app as {@code appRoleAssignments} of the
 * Graph API's app roles, as in Entra. A grant never gives more than the granter holds.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/servicePrincipals")
@Produces(MediaType.APPLICATION_JSON)
public class ServicePrincipalsResource {

    @Inject
    AppRegistrations apps;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @GET
    @RequiresAnyOf({APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response list(@QueryParam("$filter") String filter) {
        List<ObjectNode> all = new ArrayList<>();
        all.add(ServicePrincipalJson.graph());
        apps.list().forEach(app -> all.add(ServicePrincipalJson.application(app)));
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        all.stream().filter(EqualityFilter.<ObjectNode>of(Optional.ofNullable(filter), Map.of(
                "appId", sp -> sp.get("appId").asText(), "displayName", sp -> sp.get("displayName").asText()))).forEach(values::add);
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "servicePrincipals", Optional.empty()), values,
                Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        ObjectNode body = id.equalsIgnoreCase(ServicePrincipalJson.GRAPH_ID) ? ServicePrincipalJson.graph() : ServicePrincipalJson.application(app(id));
        body.put("@odata.context", GraphContext.entity(uri, version, "servicePrincipals", Optional.empty()));
        return ok(body);
    }

    /** Every app registration has its service principal; creating it answers it (201), as the first creation in Entra does. */
    @POST
    @RequiresAnyOf({APPLICATION_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response create(InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "servicePrincipal"), "servicePrincipal")
                .allowOnly(Set.of("appId"), Set.of("displayName", "accountEnabled", "tags"));
        String appId = fields.requiredString("appId");
        ClientApplication app = apps.findByClientId(appId).orElseThrow(() -> Refused.invalid("appId '" + appId
                + "' is not an application of this tenant; create the application first (POST /applications)."));
        ObjectNode json = ServicePrincipalJson.application(app);
        json.put("@odata.context", GraphContext.entity(uri, version, "servicePrincipals", Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + ServicePrincipalJson.idOf(app))).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @GET
    @Path("{id}/appRoleAssignments")
    @RequiresAnyOf({APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL, APPROLEASSIGNMENT_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response appRoleAssignments(@PathParam("id") String id) {
        ClientApplication app = app(id);
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        app.permissions().stream().sorted().map(GraphPermission::parse).flatMap(Optional::stream)
                .forEach(p -> values.add(ServicePrincipalJson.appRoleAssignment(app, p)));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "servicePrincipals('" + id + "')/appRoleAssignments",
                Optional.empty()), values, Optional.empty(), Optional.empty()));
    }

    /** Grants the app an application permission: {@code principalId} this service principal, {@code resourceId} the Graph API's. */
    @POST
    @Path("{id}/appRoleAssignments")
    @RequiresAnyOf({APPROLEASSIGNMENT_READWRITE_ALL})
    public Response assign(@PathParam("id") String id, InputStream body) {
        ClientApplication app = app(id);
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "appRoleAssignment"), "appRoleAssignment")
                .allowOnly(Set.of("principalId", "resourceId", "appRoleId"), Set.of("@odata.type", "principalType"));
        if (!fields.requiredString("principalId").equalsIgnoreCase(id)) {
            throw Refused.invalid("principalId must be the service principal of the path, " + id + ".");
        }
        if (!fields.requiredString("resourceId").equalsIgnoreCase(ServicePrincipalJson.GRAPH_ID)) {
            throw Refused.invalid("resourceId must be the Graph API's service principal, " + ServicePrincipalJson.GRAPH_ID + ".");
        }
        String appRoleId = fields.requiredString("appRoleId");
        GraphPermission permission = ServicePrincipalJson.permissionOfAppRole(appRoleId).orElseThrow(() -> Refused.invalid(
                "appRoleId '" + appRoleId + "' is not an app role of the Graph API; find it by value in its appRoles."));
        apps.grantApplicationPermission(app.appId().toString(), permission, request.caller());
        ObjectNode json = ServicePrincipalJson.appRoleAssignment(app, permission);
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + json.get("id").asText())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @DELETE
    @Path("{id}/appRoleAssignments/{assignmentId}")
    @RequiresAnyOf({APPROLEASSIGNMENT_READWRITE_ALL})
    public Response unassign(@PathParam("id") String id, @PathParam("assignmentId") String assignmentId) {
        ClientApplication app = app(id);
        String permission = app.permissions().stream().filter(p -> ServicePrincipalJson.appRoleAssignmentId(app, p).equalsIgnoreCase(assignmentId))
                .findFirst().orElseThrow(() -> Refused.notFound("appRoleAssignment", assignmentId));
        apps.revokeApplicationPermission(app.appId().toString(), permission, request.caller().actor());
        return Response.noContent().build();
    }

    private ClientApplication app(String servicePrincipalId) {
        return apps.list().stream().filter(a -> ServicePrincipalJson.idOf(a).equalsIgnoreCase(servicePrincipalId)).findFirst()
                .orElseThrow(() -> Refused.notFound("servicePrincipal", servicePrincipalId));
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
