package io.keyward.server.access;

/** A Temporary Access Pass with its clear-text code, which is shown only when it is created. */
public record IssuedAccessPass(TemporaryAccessPass pass, String code) {
}
