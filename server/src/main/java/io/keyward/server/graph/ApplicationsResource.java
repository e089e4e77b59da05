package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.AppRegistrations;
import io.keyward.server.token.ApplicationChanges;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code /applications}: app registrations as clients of Keyward's sign-in ([oidc.md]): create, list, get, update the
 * redirect URIs ({@code web}, {@code spa}, {@code publicClient}, {@code web.logoutUrl}, {@code isFallbackPublicClient}),
 * delete, and {@code addPassword} / {@code removePassword} for client secrets.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/applications")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationsResource {

    private static final Set<String> WRITABLE = Set.of("displayName", "web", "spa", "publicClient", "isFallbackPublicClient", "signInAudience");
    private static final Set<String> READ_ONLY = Set.of("id", "appId", "createdDateTime", "passwordCredentials", "@odata.context");

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
    public Response list(@jakarta.ws.rs.QueryParam("$filter") String filter) {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        apps.list().stream().filter(EqualityFilter.<ClientApplication>of(Optional.ofNullable(filter), java.util.Map.of(
                        "appId", app -> app.appId().toString(), "displayName", ClientApplication::displayName)))
                .forEach(app -> values.add(ApplicationJson.application(app, apps.passwords(app))));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "applications", Optional.empty()), values,
                Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        ClientApplication app = apps.require(id);
        ObjectNode body = ApplicationJson.application(app, apps.passwords(app));
        body.put("@odata.context", GraphContext.entity(uri, version, "applications", Optional.empty()));
        return ok(body);
    }

    @POST
    @RequiresAnyOf({APPLICATION_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response create(InputStream body) {
        JsonFields fields = fields(body);
        ClientApplication app = apps.create(fields.requiredString("displayName"), changes(fields), request.caller().actor());
        ObjectNode json = ApplicationJson.application(app, apps.passwords(app));
        json.put("@odata.context", GraphContext.entity(uri, version, "applications", Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + app.id())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @PATCH
    @Path("{id}")
    @RequiresAnyOf({APPLICATION_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response update(@PathParam("id") String id, InputStream body) {
        apps.update(id, changes(fields(body)), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @RequiresAnyOf({APPLICATION_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response delete(@PathParam("id") String id) {
        apps.delete(id, request.caller().actor());
        return Response.noContent().build();
    }

    /** {@code addPassword}: a new client secret, its {@code secretText} shown only in this answer. */
    @POST
    @Path("{id}/addPassword")
    @RequiresAnyOf({APPLICATION_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response addPassword(@PathParam("id") String id, InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "passwordCredential"), "addPassword")
                .allowOnly(Set.of("passwordCredential"), Set.of());
        JsonFields credential = new JsonFields(fields.optionalObject("passwordCredential").orElse(GraphJson.MAPPER.createObjectNode()),
                "passwordCredential").allowOnly(Set.of("displayName", "endDateTime"), Set.of("startDateTime", "keyId", "hint",
                "secretText", "customKeyIdentifier"));
        AppRegistrations.NewPassword added = apps.addPassword(id, credential.optionalString("displayName"),
                credential.optionalString("endDateTime").map(ApplicationsResource::instant), request.caller());
        ObjectNode json = ApplicationJson.password(added.secret(), Optional.of(added.secretText()));
        json.put("@odata.context", GraphContext.entity(uri, version, "microsoft.graph.passwordCredential", Optional.empty()).replace("/$entity", ""));
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{id}/removePassword")
    @RequiresAnyOf({APPLICATION_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response removePassword(@PathParam("id") String id, InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "removePassword"), "removePassword")
                .allowOnly(Set.of("keyId"), Set.of());
        apps.removePassword(id, fields.requiredString("keyId"), request.caller());
        return Response.noContent().build();
    }

    private JsonFields fields(InputStream body) {
        return new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "application"), "application").allowOnly(WRITABLE, READ_ONLY);
    }

    private static ApplicationChanges changes(JsonFields fields) {
        fields.optionalString("signInAudience").filter(a -> !a.equals("AzureADMyOrg")).ifPresent(a -> {
            throw Refused.invalid("signInAudience must be AzureADMyOrg: a Keyward installation is one organization.");
        });
        Optional<JsonFields> web = fields.optionalObject("web").map(o -> new JsonFields(o, "webApplication")
                .allowOnly(Set.of("redirectUris", "logoutUrl"), Set.of("implicitGrantSettings", "homePageUrl", "redirectUriSettings")));
        Optional<Set<String>> spa = fields.optionalObject("spa").map(o -> new JsonFields(o, "spaApplication")
                .allowOnly(Set.of("redirectUris"), Set.of())).flatMap(f -> f.optionalStringList("redirectUris")).map(LinkedHashSet::new);
        Optional<Set<String>> publicClient = fields.optionalObject("publicClient").map(o -> new JsonFields(o, "publicClientApplication")
                .allowOnly(Set.of("redirectUris"), Set.of())).flatMap(f -> f.optionalStringList("redirectUris")).map(LinkedHashSet::new);
        Optional<Set<String>> publicUris = spa.isEmpty() && publicClient.isEmpty() ? Optional.empty()
                : Optional.of(union(spa.orElse(Set.of()), publicClient.orElse(Set.of())));
        return new ApplicationChanges(fields.optionalString("displayName"),
                web.flatMap(f -> f.optionalStringList("redirectUris")).map(LinkedHashSet::new), publicUris,
                web.flatMap(f -> f.clearableString("logoutUrl")), fields.optionalBoolean("isFallbackPublicClient"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Refused.invalid("endDateTime must be an ISO 8601 date and time, such as 2027-01-31T00:00:00Z.");
        }
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
