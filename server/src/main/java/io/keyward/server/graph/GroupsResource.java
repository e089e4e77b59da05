package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryObject;
import io.keyward.server.directory.Group;
import io.keyward.server.directory.GroupChanges;
import io.keyward.server.directory.GroupService;
import io.keyward.server.directory.NewGroup;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Page;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.keyward.server.token.GraphPermission.*;

/** {@code /groups}: list, count, create, get, update (incl. {@code members@odata.bind}), delete, and members. */
@RequestScoped
@Path("{version: v1\\.0|beta}/groups")
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {

    private static final String MEMBERS_BIND = "members@odata.bind";
    private static final Set<String> WRITABLE = Set.of("displayName", "description", "mailNickname", "securityEnabled",
            "mailEnabled", "groupTypes", MEMBERS_BIND);
    private static final Set<String> READ_ONLY = Set.of("id", "createdDateTime", "mail", "@odata.context", "@odata.id");

    @Inject
    GroupService groups;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @PathParam("version")
    String version;

    @GET
    @Searchable
    @RequiresAnyOf({GROUP_READ_ALL, GROUP_READWRITE_ALL, GROUPMEMBER_READ_ALL, GROUPMEMBER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response list() {
        ODataQuery query = ODataQuery.from(uri, headers, 100);
        Page<Group> page = groups.list(query.pageRequest());
        return query.respond(uri, version, "groups", page, page.items().stream().map(g -> GraphEntities.group(g, query.select())).toList(),
                query.count() ? Optional.of(groups.count(query.filter())) : Optional.empty());
    }

    @GET
    @Searchable
    @Path("$count")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @RequiresAnyOf({GROUP_READ_ALL, GROUP_READWRITE_ALL, GROUPMEMBER_READ_ALL, GROUPMEMBER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response count() {
        ODataQuery.requireEventualConsistency(headers);
        return Response.ok(Long.toString(groups.count(ODataQuery.from(uri, headers, 100).filter())), MediaType.TEXT_PLAIN_TYPE).build();
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf({GROUP_READ_ALL, GROUP_READWRITE_ALL, GROUPMEMBER_READ_ALL, GROUPMEMBER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response get(@PathParam("id") String id) {
        Optional<Set<String>> select = ODataQuery.selectOnly(uri);
        ObjectNode body = GraphEntities.group(groups.require(id), select);
        body.put("@odata.context", GraphContext.entity(uri, version, "groups", select));
        return ok(body);
    }

    @POST
    @RequiresAnyOf({GROUP_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response create(InputStream body) {
        JsonFields fields = fields(body);
        Group group = groups.create(new NewGroup(fields.requiredString("displayName"), fields.optionalString("description"),
                fields.optionalString("mailNickname"), fields.optionalBoolean("securityEnabled").orElse(true),
                fields.optionalBoolean("mailEnabled").orElse(false), memberBinds(fields)), request.caller().actor());
        ObjectNode json = GraphEntities.group(group, Optional.empty());
        json.put("@odata.context", GraphContext.entity(uri, version, "groups", Optional.empty()));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + group.id())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json.toString()).build();
    }

    @PATCH
    @Path("{id}")
    @RequiresAnyOf({GROUP_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response update(@PathParam("id") String id, InputStream body) {
        JsonFields fields = fields(body);
        groups.update(id, new GroupChanges(fields.optionalString("displayName"), fields.clearableString("description"),
                fields.clearableString("mailNickname"), fields.optionalBoolean("securityEnabled"),
                fields.optionalBoolean("mailEnabled"), memberBinds(fields)), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @RequiresAnyOf({GROUP_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response delete(@PathParam("id") String id) {
        groups.delete(id, request.caller().actor());
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/members")
    @RequiresAnyOf({GROUPMEMBER_READ_ALL, GROUP_READ_ALL, GROUPMEMBER_READWRITE_ALL, GROUP_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response members(@PathParam("id") String id) {
        Optional<Set<String>> select = ODataQuery.selectOnly(uri);
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        for (DirectoryObject member : groups.members(id)) {
            ObjectNode node = GraphJson.MAPPER.createObjectNode();
            if (member instanceof DirectoryObject.UserMember u) {
                node.put("@odata.type", "#microsoft.graph.user");
                node.setAll(GraphEntities.user(u.user(), select.map(s -> intersect(s, GraphEntities.userProperties()))));
            } else if (member instanceof DirectoryObject.GroupMember g) {
                node.put("@odata.type", "#microsoft.graph.group");
                node.setAll(GraphEntities.group(g.group(), select.map(s -> intersect(s, GraphEntities.groupProperties()))));
            }
            values.add(node);
        }
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "directoryObjects", select), values,
                Optional.empty(), Optional.empty()));
    }

    @POST
    @Path("{id}/members/$ref")
    @RequiresAnyOf({GROUPMEMBER_READWRITE_ALL, GROUP_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response addMember(@PathParam("id") String id, InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "reference"), "directoryObject")
                .allowOnly(Set.of("@odata.id"), Set.of());
        UUID member = DirectoryObjectReferences.objectId(fields.requiredString("@odata.id"));
        groups.addMember(id, member.toString(), request.caller().actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/members/{memberId}/$ref")
    @RequiresAnyOf({GROUPMEMBER_READWRITE_ALL, GROUP_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response removeMember(@PathParam("id") String id, @PathParam("memberId") String memberId) {
        groups.removeMember(id, memberId, request.caller().actor());
        return Response.noContent().build();
    }

    private JsonFields fields(InputStream body) {
        return new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "group"), "group").allowOnly(WRITABLE, READ_ONLY);
    }

    private static List<UUID> memberBinds(JsonFields fields) {
        return fields.optionalStringList(MEMBERS_BIND).map(refs -> refs.stream().map(DirectoryObjectReferences::objectId).toList())
                .orElse(List.of());
    }

    private static Set<String> intersect(Set<String> selected, Set<String> known) {
        Set<String> result = new java.util.LinkedHashSet<>(selected);
        result.retainAll(known);
        if (result.isEmpty()) {
            throw Refused.invalid("$select names no property of a user or group.");
        }
        return result;
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
