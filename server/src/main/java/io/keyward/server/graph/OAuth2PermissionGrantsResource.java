package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.ClientApplication;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code /oauth2PermissionGrants}: the delegated Graph permissions an administrator granted an app for all users
 * ({@code consentType} {@code AllPrincipals}; Keyward has no per-user consent). One grant per app, for the Graph API.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/oauth2PermissionGrants")
@Produces(MediaType.APPLICATION_JSON)
public class OAuth2PermissionGrantsResource {

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
    @RequiresAnyOf({DELEGATEDPERMISSIONGRANT_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response list(@QueryParam("$filter") String filter) {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        granted().stream().map(ServicePrincipalJson::grant).filter(EqualityFilter.<ObjectNode>of(Optional.ofNullable(filter), Map.of(
                "clientId", g -> g.get("clientId").asText(), "resourceId", g -> g.get("resourceId").asText(),
                "consentType", g -> g.get("consentType").asText()))).forEach(values::add);
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "oauth2PermissionGrants", Optional.empty()), values,
                Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({DELEGATEDPERMISSIONGRANT_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        ObjectNode body = ServicePrincipalJson.grant(grant(id));
        body.put("@odata.context", GraphContext.entity(uri, version, "oauth2PermissionGrants", Optional.empty()));
        return ok(body);
    }

    @POST
    @RequiresAnyOf({DELEGATEDPERMISSIONGRANT_READWRITE_ALL})
    public Response create(InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "oAuth2PermissionGrant"), "oAuth2PermissionGrant")
                .allowOnly(Set.of("clientId", "consentType", "resourceId", "scope", "principalId"), Set.of("@odata.type", "id"));
        if (!fields.requiredString("consentType").equals("AllPrincipals") || fields.optionalString("principalId").isPresent()) {
            throw Refused.invalid("consentType must be AllPrincipals: Keyward has no per-user consent; an administrator grants for everyone.");
        }
        if (!fields.requiredString("resourceId").equalsIgnoreCase(ServicePrincipalJson.GRAPH_ID)) {
            throw Refused.invalid("resourceId must be the Graph API's service principal, " + ServicePrincipalJson.GRAPH_ID + ".");
        }
        ClientApplication app = client(fields.requiredString("clientId"));
        if (!app.delegatedPermissions().isEmpty()) {
            throw new Refused(ReasonCode.NAME_ALREADY_EXISTS, "Permission entry already exists for '" + app.displayName()
                    + "'; change its scope with PATCH /oauth2PermissionGrants/" + ServicePrincipalJson.grantId(app) + ".");
        }
        ClientApplication updated = apps.grantDelegatedPermissions(app.appId().toString(), scopes(fields.requiredString("scope")), request.caller().actor());
        ObjectNode json = ServicePrincipalJson.grant(updated);
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + json.get("id").asText())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @PATCH
    @Path("{id}")
    @RequiresAnyOf({DELEGATEDPERMISSIONGRANT_READWRITE_ALL})
    public Response update(@PathParam("id") String id, InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "oAuth2PermissionGrant"), "oAuth2PermissionGrant")
                .allowOnly(Set.of("scope"), Set.of("id", "clientId", "consentType", "resourceId", "principalId"));
        apps.grantDelegatedPermissions(grant(id).appId().toString(), scopes(fields.requiredString("scope")), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @RequiresAnyOf({DELEGATEDPERMISSIONGRANT_READWRITE_ALL})
    public Response delete(@PathParam("id") String id) {
        apps.grantDelegatedPermissions(grant(id).appId().toString(), Set.of(), request.caller().actor());
        return Response.noContent().build();
    }

    private List<ClientApplication> granted() {
        return apps.list().stream().filter(app -> !app.delegatedPermissions().isEmpty()).toList();
    }

    private ClientApplication grant(String id) {
        return granted().stream().filter(app -> ServicePrincipalJson.grantId(app).equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> Refused.notFound("oAuth2PermissionGrant", id));
    }

    private ClientApplication client(String servicePrincipalId) {
        return apps.list().stream().filter(a -> ServicePrincipalJson.idOf(a).equalsIgnoreCase(servicePrincipalId)).findFirst()
                .orElseThrow(() -> Refused.invalid("clientId '" + servicePrincipalId + "' is not the service principal of an application."));
    }

    private static Set<String> scopes(String scope) {
        Set<String> scopes = new LinkedHashSet<>(List.of(scope.trim().split(" +")));
        scopes.remove("");
        if (scopes.isEmpty()) {
            throw Refused.invalid("scope must name at least one delegated permission; DELETE the grant to remove them all.");
        }
        return scopes;
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
