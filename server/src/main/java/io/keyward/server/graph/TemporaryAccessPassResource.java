package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.IssuedAccessPass;
import io.keyward.server.access.TemporaryAccessPasses;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.PrivilegedUserRules.SensitiveAction;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code /users/{id|upn}/authentication/temporaryAccessPassMethods}: create (the pass is shown once), list, get,
 * delete. A user has at most one pass; creating one replaces the previous.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/{owner: users/[^/]+|me}/authentication/{collection: (?i)temporaryAccessPassMethods}")
@Produces(MediaType.APPLICATION_JSON)
public class TemporaryAccessPassResource {

    static final int DEFAULT_LIFETIME = 60;

    @Inject
    TemporaryAccessPasses passes;

    @Inject
    MethodOwners owners;

    @Inject
    PrivilegedTargets privilegedTargets;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @PathParam("owner")
    String owner;

    @POST
    @RequiresAnyOf({USERAUTHENTICATIONMETHOD_READWRITE_ALL})
    public Response create(InputStream body) {
        DirectoryUser user = ownerToChange();
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "temporaryAccessPassAuthenticationMethod"),
                "temporaryAccessPassAuthenticationMethod").allowOnly(Set.of("startDateTime", "lifetimeInMinutes", "isUsableOnce"), Set.of());
        Instant start = fields.optionalString("startDateTime").map(TemporaryAccessPassResource::time).orElse(clock.instant());
        int lifetime = fields.optionalInt("lifetimeInMinutes").orElse(DEFAULT_LIFETIME);
        IssuedAccessPass issued = passes.issue(user, start, lifetime, fields.optionalBoolean("isUsableOnce").orElse(false),
                request.caller().actor());
        ObjectNode json = AuthenticationMethodsJson.temporaryAccessPass(issued.pass(), issued.code(), clock.instant());
        json.put("@odata.context", GraphContext.entity(uri, version, "users('" + user.id() + "')/authentication/temporaryAccessPassMethods", Optional.empty()));
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(json.toString()).build();
    }

    @GET
    @RequiresAnyOf({USERAUTHENTICATIONMETHOD_READ_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL})
    public Response list() {
        DirectoryUser user = owner();
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        passes.list(user.id()).forEach(p -> values.add(AuthenticationMethodsJson.temporaryAccessPass(p, null, clock.instant())));
        return Response.ok(GraphEntities.collection(GraphContext.collection(uri, version,
                "users('" + user.id() + "')/authentication/temporaryAccessPassMethods", Optional.empty()), values,
                Optional.empty(), Optional.empty()).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({USERAUTHENTICATIONMETHOD_READ_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        DirectoryUser user = owner();
        return Response.ok(AuthenticationMethodsJson.temporaryAccessPass(passes.require(user.id(), id), null, clock.instant()).toString(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @DELETE
    @Path("{id}")
    @RequiresAnyOf({USERAUTHENTICATIONMETHOD_READWRITE_ALL})
    public Response delete(@PathParam("id") String id) {
        passes.delete(ownerToChange(), id, request.caller().actor());
        return Response.noContent().build();
    }

    private static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Refused.invalid("startDateTime '" + value + "' is not an ISO 8601 date-time with an offset.");
        }
    }

    private DirectoryUser owner() {
        return owners.resolve(owner, request.caller());
    }

    /** The owner, when the caller may change a privileged user's credentials (PrivilegedUserRules). */
    private DirectoryUser ownerToChange() {
        DirectoryUser user = owner();
        privilegedTargets.require(request.caller(), user, SensitiveAction.MANAGE_AUTHENTICATION_METHODS);
        return user;
    }
}
