package io.keyward.server.token;

/** An app registration together with its client secret, which is shown only this once. */
public record RegisteredClient(ClientApplication application, String clientSecret) {
}
