package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.TemporaryAccessPasses;
import io.keyward.server.audit.RegistrationReport;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.passkey.PasskeyService;
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

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.keyward.server.token.GraphPermission.AUDITLOG_READ_ALL;

/**
 * {@code /reports/authenticationMethods/userRegistrationDetails}: per user, which methods are registered
 * ({@code passKeyDeviceBound}, {@code passKeySynced}, {@code temporaryAccessPass}, {@code password}) and whether
 * the user can sign in without a password. Pages and filters like {@code /users}, and also on
 * {@code methodsRegistered/any(m:m eq 'passKeyDeviceBound')} (the inventory query of GRAPH-API.md §5).
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/reports/authenticationMethods/userRegistrationDetails")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationDetailsResource {

    @Inject
    UserService users;

    @Inject
    RegistrationReport report;

    @Inject
    PasskeyService passkeys;

    @Inject
    TemporaryAccessPasses accessPasses;


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
        Set<String> methods = new java.util.LinkedHashSet<>();
        Optional<Criterion> userFilter = query.filter().flatMap(f -> withoutMethodConditions(f, methods));
        PageRequest request = query.pageRequest();
        Page<DirectoryUser> page = report.usersWith(new PageRequest(userFilter, request.after(), request.size()), methods);
        return query.respond(uri, version, "reports/authenticationMethods/userRegistrationDetails", page, details(page.items()), Optional.empty());
    }

    @GET
    @Path("{id}")
    @RequiresAnyOf(AUDITLOG_READ_ALL)
    public Response get(@PathParam("id") String id) {
        return Response.ok(details(List.of(users.require(id))).get(0).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Takes the {@code methodsRegistered/any(m:m eq 'x')} conditions out of a filter (at its top level or in a
     * top-level {@code and}), collecting their methods; returns what is left, a filter on user properties.
     */
    private static Optional<Criterion> withoutMethodConditions(Criterion filter, Set<String> methods) {
        List<Criterion> parts = filter instanceof Criterion.And and ? and.all() : List.of(filter);
        List<Criterion> rest = new java.util.ArrayList<>();
        for (Criterion part : parts) {
            if (part instanceof Criterion.Any any && any.collection().equals("methodsRegistered")) {
                if (!(any.predicate() instanceof Criterion.Equals eq) || !eq.property().equals(any.variable()) || !(eq.value() instanceof String method)) {
                    throw Refused.invalid("Only methodsRegistered/any(m:m eq '<method>') is supported.");
                }
                methods.add(method);
            } else {
                rest.add(part);
            }
        }
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest.size() == 1 ? rest.get(0) : new Criterion.And(rest));
    }

    private List<ObjectNode> details(List<DirectoryUser> page) {
        List<UUID> ids = page.stream().map(DirectoryUser::id).toList();
        Map<UUID, List<Passkey>> byUser = passkeys.listFor(ids).stream().collect(Collectors.groupingBy(Passkey::userId));
        Set<UUID> admins = users.administrators(ids);
        return page.stream().map(user -> {
            List<Passkey> keys = byUser.getOrDefault(user.id(), List.of());
            Set<String> methods = RegistrationReport.methodsOf(user, keys, accessPasses.list(user.id()));
            boolean passwordless = !keys.isEmpty();
            ObjectNode node = GraphJson.MAPPER.createObjectNode();
            node.put("id", user.id().toString());
            node.put("userPrincipalName", user.userPrincipalName());
            node.put("userDisplayName", user.displayName());
            node.put("userType", user.userType().name().toLowerCase());
            node.put("isAdmin", admins.contains(user.id()));
            node.put("isMfaCapable", passwordless);
            node.put("isMfaRegistered", passwordless);
            node.put("isPasswordlessCapable", passwordless);
            node.put("isSsprCapable", false);
            node.put("isSsprEnabled", false);
            node.put("isSsprRegistered", false);
            node.put("isSystemPreferredAuthenticationMethodEnabled", false);
            node.put("lastUpdatedDateTime", GraphEntities.time(keys.stream().map(Passkey::createdAt).max(Comparator.naturalOrder())
                    .orElse(user.createdAt())));
            ArrayNode registered = node.putArray("methodsRegistered");
            methods.forEach(registered::add);
            return node;
        }).toList();
    }
}
