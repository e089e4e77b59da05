package io.keyward.server.platform;

import java.util.Objects;

/**
 * Who performs a change: an application (client credentials), a user (delegated or self-service) or Keyward
 * itself (bootstrap, demo seed). Every directory change records its actor in the audit log.
 */
public record Actor(Kind kind, String id, String displayName) {

    public enum Kind { app, user, system }

    public Actor {
        Objects.requireNonNull(kind);
    }

    public static Actor system(String what) {
        return new Actor(Kind.system, null, what);
    }
}
