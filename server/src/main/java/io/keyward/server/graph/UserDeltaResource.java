package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DeletedUser;
import io.keyward.server.directory.DirectoryChanges;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code GET /users/delta} (also {@code delta()}, see {@link GraphPathCanonicalizer}): the first round pages through every user and ends with an
 * {@code @odata.deltaLink}; the deltaLink's round returns the users created or changed since, and the users deleted
 * since as {@code {"id", "@removed": {"reason": "deleted"}}} (Keyward deletes users for good; Graph's "changed" is a
 * user in the recycle bin, which Keyward has not). {@code $select} and the page size are remembered in the links.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/users/delta")
@Produces(MediaType.APPLICATION_JSON)
public class UserDeltaResource {

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d{1,4})");
    /** Options a delta of users does not take (Graph takes {@code $filter} on id only; Keyward none). */
    private static final Set<String> REFUSED = Set.of("$filter", "filter", "$count", "count", "$search", "search");

    @Inject
    DirectoryChanges changes;

    @Inject
    DeltaLinks links;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @PathParam("version")
    String version;

    @GET
    @DeltaFunction
    @RequiresAnyOf({USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL})
    public Response delta() {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        for (String name : params.keySet()) {
            if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
                throw Refused.invalid("The query option " + (name.startsWith("$") ? name : "$" + name)
                        + " is not supported on users/delta by Keyward; supported: $select, $top, $deltatoken, $skiptoken.");
            }
        }
        String skipToken = first(params, "$skiptoken");
        String deltaToken = first(params, "$deltatoken");
        DeltaLinks.Position position;
        if (skipToken != null) {
            position = links.readSkipToken(skipToken);
        } else if (deltaToken != null && deltaToken.equals("latest")) {
            // Graph: no changes now, only a deltaLink to start tracking from this moment.
            return page(new DeltaLinks.Position(DeltaLinks.Phase.REMOVED, 0, changes.current(), Optional.empty(), pageSize(params),
                    select(params)), GraphJson.MAPPER.createArrayNode(), Optional.empty());
        } else if (deltaToken != null) {
            DeltaLinks.Start start = links.readDeltaToken(deltaToken);
            position = new DeltaLinks.Position(DeltaLinks.Phase.CHANGED, start.since(), changes.current(), Optional.empty(),
                    start.pageSize(), start.select());
        } else {
            // A first round: every user (all changed after "before the first change"), no deletions to report.
            position = new DeltaLinks.Position(DeltaLinks.Phase.CHANGED, -1, changes.current(), Optional.empty(), pageSize(params),
                    select(params));
        }
        return respond(position);
    }

    private Response respond(DeltaLinks.Position position) {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        DeltaLinks.Position at = position;
        if (at.phase() == DeltaLinks.Phase.CHANGED) {
            Page<DirectoryUser> users = changes.usersChangedSince(at.since(), new PageRequest(Optional.empty(), at.after(), at.pageSize()));
            Optional<Set<String>> select = at.select();
            users.items().forEach(u -> values.add(GraphEntities.user(u, select)));
            if (users.continueAfter().isPresent()) {
                return page(at, values, Optional.of(new DeltaLinks.Position(DeltaLinks.Phase.CHANGED, at.since(), at.until(),
                        users.continueAfter(), at.pageSize(), at.select())));
            }
            if (at.since() < 0) {
                return page(at, values, Optional.empty());
            }
            at = new DeltaLinks.Position(DeltaLinks.Phase.REMOVED, at.since(), at.until(), Optional.empty(), at.pageSize(), at.select());
        }
        Page<DeletedUser> removed = changes.usersDeletedSince(at.since(), new PageRequest(Optional.empty(), at.after(), at.pageSize()));
        for (DeletedUser user : removed.items()) {
            ObjectNode item = values.addObject();
            item.put("@odata.type", "#microsoft.graph.user");
            item.put("id", user.id().toString());
            item.putObject("@removed").put("reason", "deleted");
        }
        DeltaLinks.Position current = at;
        return page(at, values, removed.continueAfter().map(last -> new DeltaLinks.Position(DeltaLinks.Phase.REMOVED, current.since(),
                current.until(), Optional.of(last), current.pageSize(), current.select())));
    }

    /** One page: a nextLink while the round goes on, else the deltaLink for changes after this round's watermark. */
    private Response page(DeltaLinks.Position at, ArrayNode values, Optional<DeltaLinks.Position> next) {
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        root.put("@odata.context", GraphContext.collection(uri, version, "users", at.select()));
        String self = uri.getBaseUri().toString().replaceAll("/$", "") + "/" + version + "/users/delta?";
        if (next.isPresent()) {
            root.put("@odata.nextLink", self + "$skiptoken=" + links.skipToken(next.get()));
        } else {
            root.put("@odata.deltaLink", self + "$deltatoken=" + links.deltaToken(new DeltaLinks.Start(at.until(), at.pageSize(), at.select())));
        }
        root.set("value", values);
        return Response.ok(root.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code $top}, else {@code Prefer: odata.maxpagesize=N} (the Graph way for delta), else 100. */
    private int pageSize(MultivaluedMap<String, String> params) {
        String top = first(params, "$top");
        if (top != null) {
            return ODataQuery.parseTop(top);
        }
        String prefer = headers.getHeaderString("Prefer");
        if (prefer != null) {
            Matcher size = MAX_PAGE_SIZE.matcher(prefer);
            if (size.find()) {
                return Math.max(1, Math.min(PageRequest.MAX_SIZE, Integer.parseInt(size.group(1))));
            }
        }
        return DEFAULT_PAGE_SIZE;
    }

    /** {@code $select}; {@code id} is always returned, as Graph's delta does. */
    private Optional<Set<String>> select(MultivaluedMap<String, String> params) {
        return ODataQuery.selectOnly(uri).map(selected -> {
            Set<String> withId = new LinkedHashSet<>();
            withId.add("id");
            withId.addAll(selected);
            for (String name : withId) {
                if (!GraphEntities.userProperties().contains(name)) {
                    throw Refused.invalid("Could not find a property named '" + name + "' on type 'microsoft.graph.user'.");
                }
            }
            return withId;
        });
    }

    private static String first(MultivaluedMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value != null ? value : params.getFirst(name.substring(1));
    }
}
