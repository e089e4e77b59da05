package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.audit.DirectoryAuditEntry;
import io.keyward.server.audit.DirectoryAuditLog;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Page;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import static io.keyward.server.token.GraphPermission.AUDITLOG_READ_ALL;

/** {@code /auditLogs/directoryAudits}: the directory audit log, with before and after values. */
@RequestScoped
@Path("{version: v1\\.0|beta}/auditLogs/directoryAudits")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryAuditsResource {

    @Inject
    DirectoryAuditLog log;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @PathParam("version")
    String version;

    @GET
    @RequiresAnyOf(AUDITLOG_READ_ALL)
    public Response list() {
        ODataQuery query = ODataQuery.from(uri, headers, 100);
        Page<DirectoryAuditEntry> page = log.list(query.pageRequest().newestFirst());
        return query.respond(uri, version, "auditLogs/directoryAudits", page, page.items().stream().map(DirectoryAuditsResource::json).toList(),
                Optional.empty());
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf(AUDITLOG_READ_ALL)
    public Response get(@PathParam("id") String id) {
        UUID uuid = ODataQuery.guidKey(id);
        DirectoryAuditEntry entry = log.find(uuid).orElseThrow(() -> Refused.notFound("directoryAudit", id));
        return Response.ok(json(entry).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static ObjectNode json(DirectoryAuditEntry e) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("id", e.id().toString());
        node.put("category", e.category());
        node.put("correlationId", e.correlationId());
        node.put("result", e.result());
        node.put("resultReason", e.resultReason());
        node.put("activityDisplayName", e.activity());
        node.put("activityDateTime", GraphEntities.time(e.activityAt()));
        node.put("loggedByService", "Core Directory");
        node.put("operationType", e.operationType());
        ObjectNode initiatedBy = node.putObject("initiatedBy");
        switch (e.initiatedByType()) {
            case "app" -> initiatedBy.putObject("app").put("appId", e.initiatedById()).put("displayName", e.initiatedByName());
            case "user" -> initiatedBy.putObject("user").put("id", e.initiatedById()).put("userPrincipalName", e.initiatedByName());
            default -> initiatedBy.putObject("app").putNull("appId").put("displayName", e.initiatedByName());
        }
        ObjectNode target = node.putArray("targetResources").addObject();
        node.set("additionalDetails", readJson(e, e.additionalDetails()));
        target.put("id", e.targetId());
        target.put("type", e.targetType());
        target.put("displayName", e.targetName());
        target.put("userPrincipalName", "User".equals(e.targetType()) ? e.targetName() : null);
        target.set("modifiedProperties", readJson(e, e.modifiedProperties()));
        return node;
    }

    /** A JSON array column; none is an empty array, as Graph shows it. */
    private static JsonNode readJson(DirectoryAuditEntry e, String column) {
        try {
            return column == null ? GraphJson.MAPPER.createArrayNode() : GraphJson.MAPPER.readTree(column);
        } catch (IOException ex) {
            throw new IllegalStateException("Audit entry " + e.id() + " holds malformed JSON", ex);
        }
    }
}
