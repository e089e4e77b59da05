package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.NewUser;
import io.keyward.server.directory.UserChanges;
import io.keyward.server.directory.UserService;
import io.keyward.server.directory.UserType;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Page;
import io.keyward.server.token.PrivilegedUserRules.SensitiveAction;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/** {@code /users}: list, count, create, get (by id or UPN), update, delete. */
@RequestScoped
@Path("{version: v1\\.0|beta}/users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    private static final Set<String> WRITABLE = Set.of("userPrincipalName", "displayName", "givenName", "surname", "mail",
            "accountEnabled", "passwordProfile", "mailNickname", "userType");
    private static final Set<String> READ_ONLY = Set.of("id", "createdDateTime", "creationType", "externalUserState",
            "externalUserStateChangeDateTime", "businessPhones", "jobTitle", "mobilePhone", "officeLocation",
            "preferredLanguage", "signInSessionsValidFromDateTime", "@odata.context", "@odata.id");

    @Inject
    UserService users;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Inject
    PrivilegedTargets privilegedTargets;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @PathParam("version")
    String version;

    @GET
    @Searchable
    @RequiresAnyOf({USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response list() {
        ODataQuery query = ODataQuery.from(uri, headers, 100);
        Page<DirectoryUser> page = users.list(query.pageRequest());
        return query.respond(uri, version, "users", page, page.items().stream().map(u -> GraphEntities.user(u, query.select())).toList(),
                query.count() ? Optional.of(users.count(query.filter())) : Optional.empty());
    }

    @GET
    @Searchable
    @Path("$count")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @RequiresAnyOf({USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response count() {
        ODataQuery.requireEventualConsistency(headers);
        ODataQuery query = ODataQuery.from(uri, headers, 100);
        return Response.ok(Long.toString(users.count(query.filter())), MediaType.TEXT_PLAIN_TYPE).build();
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        Optional<Set<String>> select = ODataQuery.selectOnly(uri);
        ObjectNode body = GraphEntities.user(users.require(id), select);
        body.put("@odata.context", GraphContext.entity(uri, version, "users", select));
        return ok(body);
    }

    @POST
    @RequiresAnyOf({USER_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response create(InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "user"), "user")
                .allowOnly(WRITABLE, READ_ONLY);
        if (fields.has("userType") && !fields.requiredString("userType").equals("Member")) {
            throw Refused.invalid("Guests are created by POST /invitations; userType must be 'Member' here.");
        }
        DirectoryUser user = users.create(new NewUser(fields.requiredString("userPrincipalName"),
                fields.requiredString("displayName"), fields.optionalString("givenName"), fields.optionalString("surname"),
                fields.optionalString("mail"), fields.optionalBoolean("accountEnabled").orElse(true),
                password(fields)), request.caller().actor());
        ObjectNode json = GraphEntities.user(user, Optional.empty());
        json.put("@odata.context", GraphContext.entity(uri, version, "users", Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + user.id())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @PATCH
    @Path("{id}")
    @RequiresAnyOf({USER_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response update(@PathParam("id") String id, InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "user"), "user")
                .allowOnly(WRITABLE, READ_ONLY);
        Optional<UserType> userType = fields.optionalString("userType").map(UsersResource::userType);
        requireSensitiveChangesAllowed(users.require(id), fields);
        users.update(id, new UserChanges(fields.optionalString("userPrincipalName"), fields.optionalString("displayName"),
                fields.clearableString("givenName"), fields.clearableString("surname"), fields.clearableString("mail"),
                fields.optionalBoolean("accountEnabled"), userType, password(fields)), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @RequiresAnyOf({USER_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response delete(@PathParam("id") String id) {
        privilegedTargets.require(request.caller(), users.require(id), SensitiveAction.DELETE_USER);
        users.delete(id, request.caller().actor());
        return Response.noContent().build();
    }

    /** Password, enablement and UPN of a privileged user are Entra's sensitive properties; an unchanged value is no change. */
    private void requireSensitiveChangesAllowed(DirectoryUser target, JsonFields fields) {
        if (password(fields).isPresent()) {
            privilegedTargets.require(request.caller(), target, SensitiveAction.SET_PASSWORD);
        }
        if (fields.optionalBoolean("accountEnabled").filter(enabled -> enabled != target.accountEnabled()).isPresent()) {
            privilegedTargets.require(request.caller(), target, SensitiveAction.CHANGE_ACCOUNT_ENABLED);
        }
        if (fields.optionalString("userPrincipalName").filter(upn -> !upn.trim().equals(target.userPrincipalName())).isPresent()) {
            privilegedTargets.require(request.caller(), target, SensitiveAction.CHANGE_USER_PRINCIPAL_NAME);
        }
    }

    /**
     * {@code POST /users/{id | userPrincipalName}/revokeSignInSessions}: ends every browser session the user opened
     * until now by moving {@code signInSessionsValidFromDateTime} forward. Access tokens are not affected: they are
     * app tokens that live until they expire (Keyward issues no refresh tokens to revoke yet).
     */
    @POST
    @Path("{id}/revokeSignInSessions")
    @RequiresAnyOf({USER_REVOKESESSIONS_ALL, USER_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response revokeSignInSessions(@PathParam("id") String id) {
        users.revokeSignInSessions(id, request.caller().actor());
        ObjectNode body = GraphJson.MAPPER.createObjectNode();
        body.put("@odata.context", GraphContext.collection(uri, version, "Edm.Boolean", Optional.empty()));
        body.put("value", true);
        return ok(body);
    }

    private static Optional<String> password(JsonFields fields) {
        return fields.optionalObject("passwordProfile").flatMap(profile ->
                new JsonFields(profile, "passwordProfile")
                        .allowOnly(Set.of("password", "forceChangePasswordNextSignIn", "forceChangePasswordNextSignInWithMfa"), Set.of())
                        .optionalString("password"));
    }

    private static UserType userType(String value) {
        for (UserType type : UserType.values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        throw Refused.invalid("Property 'userType' must be 'Member' or 'Guest', not '" + value + "'.");
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
