package io.keyward.server.token;

import java.time.Instant;

/** A signed access token and when it expires. */
public record IssuedToken(String accessToken, Instant expiresAt) {
}
