package io.keyward.admin;

import java.net.URI;
import java.util.Objects;

/**
 * Where the admin center finds the Graph API it manages Keyward through: the server's base URL plus
 * {@code /graph/v1.0} (or {@code /graph/beta} for preview resources).
 */
public record GraphLocation(URI serverBase) {

    public GraphLocation {
        Objects.requireNonNull(serverBase, "serverBase");
        if (!"http".equals(serverBase.getScheme()) && !"https".equals(serverBase.getScheme())) {
            throw new IllegalArgumentException("The Keyward server URL must be http or https, not " + serverBase);
        }
    }

    public static GraphLocation of(String serverBase) {
        return new GraphLocation(URI.create(serverBase.endsWith("/") ? serverBase : serverBase + "/"));
    }

    public URI v1(String relativePath) {
        return resolve("graph/v1.0/", relativePath);
    }

    public URI beta(String relativePath) {
        return resolve("graph/beta/", relativePath);
    }

    private URI resolve(String root, String relativePath) {
        String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        return serverBase.resolve(root + path);
    }
}
