package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.token.ClientApplication;
import io.keyward.server.token.ClientSecret;
import io.keyward.server.token.ClientType;

import java.util.List;
import java.util.Optional;

/**
 * Graph's {@code application} resource for an app registration: one client type per app in Keyward, so a public
 * client's redirect URIs are shown as {@code publicClient.redirectUris} and a confidential one's as
 * {@code web.redirectUris}; secrets as {@code passwordCredentials} without their values.
 */
final class ApplicationJson {

    private ApplicationJson() {
    }

    static ObjectNode application(ClientApplication app, List<ClientSecret> secrets) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("id", app.id().toString());
        node.put("appId", app.appId().toString());
        node.put("displayName", app.displayName());
        node.put("createdDateTime", app.createdAt().toString());
        node.put("signInAudience", "AzureADMyOrg");
        node.put("isFallbackPublicClient", app.clientType() == ClientType.PUBLIC);
        boolean isPublic = app.clientType() == ClientType.PUBLIC;
        ObjectNode web = node.putObject("web");
        strings(web.putArray("redirectUris"), isPublic ? List.of() : app.redirectUris().stream().sorted().toList());
        Optional<String> logout = app.logoutUris().stream().sorted().findFirst();
        if (logout.isPresent()) {
            web.put("logoutUrl", logout.get());
        } else {
            web.putNull("logoutUrl");
        }
        strings(node.putObject("spa").putArray("redirectUris"), List.of());
        strings(node.putObject("publicClient").putArray("redirectUris"), isPublic ? app.redirectUris().stream().sorted().toList() : List.of());
        ArrayNode passwords = node.putArray("passwordCredentials");
        secrets.forEach(secret -> passwords.add(password(secret, Optional.empty())));
        return node;
    }

    /** A {@code passwordCredential}; {@code secretText} only in the answer to {@code addPassword}. */
    static ObjectNode password(ClientSecret secret, Optional<String> secretText) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("keyId", secret.id().toString());
        if (secret.displayName() == null) {
            node.putNull("displayName");
        } else {
            node.put("displayName", secret.displayName());
        }
        node.put("hint", secret.hint());
        node.put("startDateTime", secret.createdAt().toString());
        node.put("endDateTime", secret.expiresAt().toString());
        if (secretText.isPresent()) {
            node.put("secretText", secretText.get());
        } else {
            node.putNull("secretText");
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
