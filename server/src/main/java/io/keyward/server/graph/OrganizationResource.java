package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.Tenant;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;

import static io.keyward.server.token.GraphPermission.*;

/** {@code /organization}: the tenant, as a one-element collection and by id. */
@RequestScoped
@Path("{version: v1\\.0|beta}/organization")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    @Inject
    TenantService tenants;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @GET
    @RequiresAnyOf({ORGANIZATION_READ_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response list() {
        ArrayNode values = GraphJson.MAPPER.createArrayNode().add(organization(tenants.current(), tenants.verifiedDomains()));
        return Response.ok(GraphEntities.collection(GraphContext.collection(uri, version, "organization", Optional.empty()),
                values, Optional.empty(), Optional.empty()).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({ORGANIZATION_READ_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        Tenant tenant = tenants.current();
        if (!tenant.id().toString().equalsIgnoreCase(id)) {
            throw Refused.notFound("organization", id);
        }
        ObjectNode body = organization(tenant, tenants.verifiedDomains());
        body.put("@odata.context", GraphContext.entity(uri, version, "organization", Optional.empty()));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static ObjectNode organization(Tenant tenant, java.util.List<String> verifiedDomains) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("id", tenant.id().toString());
        node.put("displayName", tenant.displayName());
        node.put("createdDateTime", GraphEntities.time(tenant.createdAt()));
        node.put("tenantType", "AAD");
        ArrayNode domains = node.putArray("verifiedDomains");
        for (String name : verifiedDomains) {
            boolean initial = name.equalsIgnoreCase(tenant.defaultDomain());
            ObjectNode domain = domains.addObject();
            domain.put("name", name);
            domain.put("isDefault", initial);
            domain.put("isInitial", initial);
            domain.put("type", "Managed");
            domain.put("capabilities", "Email, OfficeCommunicationsOnline");
        }
        return node;
    }
}
