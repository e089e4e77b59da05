package io.keyward.server.graph;

import io.keyward.server.platform.Refused;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Reads OData references such as {@code https://graph.microsoft.com/v1.0/directoryObjects/{id}} (any host,
 * also Keyward's own, and {@code users/{id}} or {@code groups/{id}} segments) down to the object id.
 */
final class DirectoryObjectReferences {

    private DirectoryObjectReferences() {
    }

    static UUID objectId(String reference) {
        String path;
        try {
            path = URI.create(reference.trim()).getPath();
        } catch (IllegalArgumentException e) {
            throw Refused.invalid("'" + reference + "' is not a valid directory object reference URL.");
        }
        if (path == null) {
            throw Refused.invalid("'" + reference + "' is not a valid directory object reference URL.");
        }
        String[] segments = path.split("/");
        if (segments.length < 2) {
            throw Refused.invalid("'" + reference + "' is not a valid directory object reference URL.");
        }
        String collection = segments[segments.length - 2];
        if (!List.of("directoryObjects", "users", "groups").contains(collection)) {
            throw Refused.invalid("'" + reference + "' must reference directoryObjects/{id}, users/{id} or groups/{id}.");
        }
        String id = segments[segments.length - 1].replaceAll("^\\('?|'?\\)$", "");
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Refused.invalid("Invalid object identifier '" + id + "' in reference '" + reference + "'.");
    }
}
