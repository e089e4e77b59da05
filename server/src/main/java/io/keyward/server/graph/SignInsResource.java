package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.audit.SignInEntry;
import io.keyward.server.audit.SignInLog;
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

import java.util.Optional;
import java.util.UUID;

import static io.keyward.server.token.GraphPermission.AUDITLOG_READ_ALL;

/**
 * {@code /auditLogs/signIns}: every sign-in attempt with method, result and reason code. Passkey sign-ins carry
 * the AAGUID and credential id in {@code authenticationProcessingDetails} (GRAPH-API.md §8) so that an inventory
 * can be built from the log alone. {@code $filter} on {@code createdDateTime}, {@code userId},
 * {@code userPrincipalName}, {@code appId}, {@code status/errorCode} (0 = success) and
 * {@code status/additionalDetails} (the reason code).
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/auditLogs/signIns")
@Produces(MediaType.APPLICATION_JSON)
public class SignInsResource {

    @Inject
    SignInLog log;

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
        Page<SignInEntry> page = log.list(query.pageRequest().newestFirst());
        return query.respond(uri, version, "auditLogs/signIns", page, page.items().stream().map(SignInsResource::json).toList(), Optional.empty());
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf(AUDITLOG_READ_ALL)
    public Response get(@PathParam("id") String id) {
        UUID uuid = ODataQuery.guidKey(id);
        return Response.ok(json(log.find(uuid).orElseThrow(() -> Refused.notFound("signIn", id))).toString(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    static ObjectNode json(SignInEntry e) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("id", e.id().toString());
        node.put("createdDateTime", GraphEntities.time(e.createdAt()));
        node.put("userDisplayName", e.userDisplayName().orElse(null));
        node.put("userPrincipalName", e.userPrincipalName().orElse(null));
        node.put("userId", e.userId().map(UUID::toString).orElse(null));
        node.put("appId", e.appId());
        node.put("appDisplayName", e.appDisplayName());
        node.put("ipAddress", e.ipAddress().orElse(null));
        node.put("clientAppUsed", e.clientApp());
        node.put("conditionalAccessStatus", e.conditionalAccessStatus());
        node.set("appliedConditionalAccessPolicies", appliedPolicies(e));
        ObjectNode status = node.putObject("status");
        status.put("errorCode", e.errorCode());
        status.put("failureReason", e.failureReason().orElse(null));
        status.put("additionalDetails", e.reasonCode().orElse(null));
        ObjectNode detail = node.putArray("authenticationDetails").addObject();
        detail.put("authenticationStepDateTime", GraphEntities.time(e.createdAt()));
        detail.put("authenticationMethod", e.method());
        detail.put("authenticationMethodDetail", e.methodDetail().orElse(null));
        detail.put("succeeded", e.succeeded());
        detail.put("authenticationStepResultDetail", e.succeeded() ? "MFA completed in Keyward" : e.failureReason().orElse(null));
        ArrayNode processing = node.putArray("authenticationProcessingDetails");
        e.aaguid().ifPresent(a -> processing.addObject().put("key", "Passkey AAGUID").put("value", a.toString()));
        e.credentialId().ifPresent(c -> processing.addObject().put("key", "Passkey credential id").put("value", c));
        e.reasonCode().ifPresent(r -> processing.addObject().put("key", "Keyward reason code").put("value", r));
        e.auditOnlyReason().ifPresent(r -> processing.addObject().put("key", "Keyward audit-only refusal").put("value", r));
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode appliedPolicies(SignInEntry e) {
        try {
            return GraphJson.MAPPER.readTree(e.appliedConditionalAccess());
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            throw new IllegalStateException("The sign-in log entry " + e.id() + " holds unreadable appliedConditionalAccessPolicies", unreadable);
        }
    }
}
