package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.TemporaryAccessPasses;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.passkey.PasskeyService;
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

import java.time.Clock;
import java.util.Optional;

import static io.keyward.server.token.GraphPermission.*;

/** {@code /users/{id|upn}/authentication/methods}: every method a user has, each with its own {@code @odata.type}. */
@RequestScoped
@Path("{version: v1\\.0|beta}/{owner: users/[^/]+|me}/authentication/{collection: (?i)methods}")
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationMethodsResource {

    @Inject
    PasskeyService passkeys;

    @Inject
    TemporaryAccessPasses accessPasses;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    MethodOwners owners;

    @Inject
    GraphRequest request;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @PathParam("owner")
    String owner;

    @GET
    @RequiresAnyOf({USERAUTHENTICATIONMETHOD_READ_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHENTICATIONMETHOD_READ,
            USERAUTHENTICATIONMETHOD_READWRITE})
    public Response list() {
        DirectoryUser user = owners.resolve(owner, request.caller());
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        user.passwordHash().ifPresent(h -> {
            ObjectNode password = values.addObject();
            password.put("@odata.type", "#microsoft.graph.passwordAuthenticationMethod");
            password.put("id", "28c10230-6103-485e-b985-444c60001490");
            password.putNull("password");
        });
        passkeys.list(user.id()).forEach(p -> values.add(AuthenticationMethodsJson.passkey(p, user, metadata)));
        accessPasses.list(user.id()).forEach(t -> values.add(AuthenticationMethodsJson.temporaryAccessPass(t, null, clock.instant())));
        return Response.ok(GraphEntities.collection(GraphContext.collection(uri, version, "users('" + user.id() + "')/authentication/methods",
                Optional.empty()), values, Optional.empty(), Optional.empty()).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
