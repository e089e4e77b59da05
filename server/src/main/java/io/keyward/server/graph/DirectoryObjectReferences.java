package io.keyward.server.graph;

import io.keyward.server.platform.Refused;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OData references such as {@code https://graph.microsoft.com/v1.0/directoryObjects/{id}} (any host,
 * also Keyward's own, and {@code users/{id}} or {@code groups/{id}} segments, or the OData key syntax
 * {@code directoryObjects('{id}')}) down to the object id.
 */
final class DirectoryObjectReferences {

    private static final Pattern KEY_SEGMENT = Pattern.compile("([A-Za-z]+)\\('?([^'()]*)'?\\)");

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
        if (segments.length > 2 && segments[segments.length - 1].startsWith("Microsoft.DirectoryServices.")) {
            // Graph's own @odata.id values end in a type cast segment: .../directoryObjects/{id}/Microsoft.DirectoryServices.User
            segments = java.util.Arrays.copyOf(segments, segments.length - 1);
        }
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        Matcher key = KEY_SEGMENT.matcher(last);
        String collection;
        String id;
        if (key.matches()) {
            // OData key syntax: directoryObjects('{id}') is one segment.
            collection = key.group(1);
            id = key.group(2);
        } else if (segments.length >= 2) {
            collection = segments[segments.length - 2];
            id = last.replaceAll("^\\('?|'?\\)$", "");
        } else {
            throw Refused.invalid("'" + reference + "' is not a valid directory object reference URL.");
        }
        if (!List.of("directoryObjects", "users", "groups").contains(collection)) {
            throw Refused.invalid("'" + reference + "' must reference directoryObjects/{id}, users/{id} or groups/{id}.");
        }
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
