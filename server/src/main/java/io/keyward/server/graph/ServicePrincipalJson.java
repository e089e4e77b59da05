package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.token.ClientApplication;
import io.keyward.server.token.GraphPermission;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Service principals as Graph shows them: Keyward's Graph API (appId {@value #GRAPH_APP_ID}, as Microsoft Graph's, so
 * scripts find it the way they find Microsoft's) publishing every application permission as an {@code appRole} and
 * every permission as a delegated {@code oauth2PermissionScope}, and one service principal per app registration.
 * Their ids, and those of roles, scopes, role assignments and grants, are derived from what they stand for (name-based
 * UUIDs), so they are stable across nodes and restarts without being stored. They are not Microsoft's GUIDs: look
 * roles and scopes up by {@code value}.
 */
final class ServicePrincipalJson {

    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    static final String GRAPH_ID = derived("service-principal", GRAPH_APP_ID);

    private ServicePrincipalJson() {
    }

    static String idOf(ClientApplication app) {
        return derived("service-principal", app.appId().toString());
    }

    static String appRoleId(GraphPermission permission) {
        return derived("app-role", permission.value());
    }

    static String scopeId(GraphPermission permission) {
        return derived("scope", permission.value());
    }

    static String appRoleAssignmentId(ClientApplication app, String permission) {
        return derived("app-role-assignment", app.appId() + "/" + permission);
    }

    static String grantId(ClientApplication app) {
        return derived("oauth2-permission-grant", app.appId().toString());
    }

    static Optional<GraphPermission> permissionOfAppRole(String appRoleId) {
        return Arrays.stream(GraphPermission.values()).filter(p -> !p.selfOnly() && appRoleId(p).equalsIgnoreCase(appRoleId)).findFirst();
    }

    static ObjectNode graph() {
        ObjectNode node = base(GRAPH_ID, GRAPH_APP_ID, "Microsoft Graph");
        ArrayNode roles = node.putArray("appRoles");
        ArrayNode scopes = node.putArray("oauth2PermissionScopes");
        for (GraphPermission permission : GraphPermission.values()) {
            if (!permission.selfOnly()) {
                ObjectNode role = roles.addObject().put("id", appRoleId(permission)).put("value", permission.value())
                        .put("displayName", permission.value()).put("description", permission.value()).put("isEnabled", true);
                role.putArray("allowedMemberTypes").add("Application");
            }
            scopes.addObject().put("id", scopeId(permission)).put("value", permission.value()).put("type", "Admin")
                    .put("adminConsentDisplayName", permission.value()).put("isEnabled", true);
        }
        return node;
    }

    static ObjectNode application(ClientApplication app) {
        ObjectNode node = base(idOf(app), app.appId().toString(), app.displayName());
        node.putArray("appRoles");
        node.putArray("oauth2PermissionScopes");
        ArrayNode replyUrls = node.putArray("replyUrls");
        app.redirectUris().stream().sorted().forEach(replyUrls::add);
        return node;
    }

    static ObjectNode appRoleAssignment(ClientApplication app, GraphPermission permission) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("id", appRoleAssignmentId(app, permission.value()));
        node.put("principalId", idOf(app));
        node.put("principalType", "ServicePrincipal");
        node.put("principalDisplayName", app.displayName());
        node.put("resourceId", GRAPH_ID);
        node.put("resourceDisplayName", "Microsoft Graph");
        node.put("appRoleId", appRoleId(permission));
        return node;
    }

    static ObjectNode grant(ClientApplication app) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("id", grantId(app));
        node.put("clientId", idOf(app));
        node.put("consentType", "AllPrincipals");
        node.putNull("principalId");
        node.put("resourceId", GRAPH_ID);
        node.put("scope", String.join(" ", app.delegatedPermissions().stream().sorted().toList()));
        return node;
    }

    private static ObjectNode base(String id, String appId, String displayName) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("id", id);
        node.put("appId", appId);
        node.put("displayName", displayName);
        node.put("servicePrincipalType", "Application");
        node.put("accountEnabled", true);
        return node;
    }

    private static String derived(String kind, String name) {
        return UUID.nameUUIDFromBytes(("keyward:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
