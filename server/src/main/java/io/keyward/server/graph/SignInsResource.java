package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.audit.SignInEntry;
import io.keyward.server.audit.SignInLog;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.keyward.server.token.GraphPermission.AUDITLOG_READ_ALL;

/**
 * {@code /auditLogs/signIns}: every sign-in attempt with method, result and reason code. Passkey sign-ins carry
 * the AAGUID and credential id in {@code authenticationProcessingDetails} (GRAPH-API.md §8) so that an inventory
 * can be built from the log alone. {@code $filter} on {@code createdDateTime}, {@code userId},
 * {@code userPrincipalName}, {@code appId}, {@code status/errorCode} (0 = success),
 * {@code status/additionalDetails} (the reason code) and the passkey's model,
 * {@code authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq '<aaguid>')}.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/auditLogs/signIns")
@Produces(MediaType.APPLICATION_JSON)
public class SignInsResource {

    static final String PROCESSING_DETAILS = "authenticationProcessingDetails";
    static final String PASSKEY_AAGUID_KEY = "Passkey AAGUID";

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
        PageRequest request = query.pageRequest();
        Page<SignInEntry> page = log.list(new PageRequest(request.filter().map(SignInsResource::withPasskeyAaguid), request.after(),
                request.size()).newestFirst());
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

    /**
     * Graph has no AAGUID property on a sign-in; Keyward writes it as the {@code authenticationProcessingDetails} entry
     * "Passkey AAGUID" (GRAPH-API.md §8). A filter on that entry, the one shape of lambda this log supports, becomes a
     * condition on the stored AAGUID; any other lambda on the collection is refused rather than ignored.
     */
    static Criterion withPasskeyAaguid(Criterion criterion) {
        if (criterion instanceof Criterion.And and) {
            return new Criterion.And(and.all().stream().map(SignInsResource::withPasskeyAaguid).toList());
        }
        if (criterion instanceof Criterion.Or or) {
            return new Criterion.Or(or.any().stream().map(SignInsResource::withPasskeyAaguid).toList());
        }
        if (criterion instanceof Criterion.Any any && any.collection().equals(PROCESSING_DETAILS)) {
            Object key = null;
            Object value = null;
            List<Criterion> parts = any.predicate() instanceof Criterion.And and ? and.all() : List.of(any.predicate());
            for (Criterion part : parts) {
                if (part instanceof Criterion.Equals eq && eq.property().equals(any.variable() + "/key")) {
                    key = eq.value();
                } else if (part instanceof Criterion.Equals eq && eq.property().equals(any.variable() + "/value")) {
                    value = eq.value();
                } else {
                    key = null;
                    break;
                }
            }
            if (!PASSKEY_AAGUID_KEY.equals(key) || !(value instanceof String)) {
                throw Refused.invalid("Only " + PROCESSING_DETAILS + "/any(d:d/key eq '" + PASSKEY_AAGUID_KEY
                        + "' and d/value eq '<AAGUID>') is supported on the sign-in log.");
            }
            return new Criterion.Equals(SignInLog.PASSKEY_AAGUID, value);
        }
        return criterion;
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
        e.aaguid().ifPresent(a -> processing.addObject().put("key", PASSKEY_AAGUID_KEY).put("value", a.toString()));
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
