package io.keyward.server.token;

/** An access token was missing, malformed, expired, for another audience or not signed by Keyward. */
public class InvalidToken extends Exception {

    public InvalidToken(String message) {
        super(message);
    }
}
