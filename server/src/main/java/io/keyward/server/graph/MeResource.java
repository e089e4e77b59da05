package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code GET /me}: the signed-in user, for a delegated token ({@code User.Read} suffices, as in Graph). An application
 * token is told that {@code /me} needs a signed-in user (400), as Graph tells it.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    MethodOwners owners;

    @Inject
    GraphRequest request;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @GET
    @RequiresAnyOf({USER_READ, USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get() {
        Optional<Set<String>> select = ODataQuery.selectOnly(uri);
        ObjectNode body = GraphEntities.user(owners.resolve("me", request.caller()), select);
        body.put("@odata.context", GraphContext.entity(uri, version, "users", select));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
