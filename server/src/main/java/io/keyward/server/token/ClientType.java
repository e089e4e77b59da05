package io.keyward.server.token;

/**
 * RFC 6749 §2.1 client types: a {@code CONFIDENTIAL} client authenticates at the token endpoint with a client
 * secret; a {@code PUBLIC} client (a native app, a single-page app) cannot keep one and proves only PKCE.
 */
public enum ClientType {
    CONFIDENTIAL, PUBLIC
}
