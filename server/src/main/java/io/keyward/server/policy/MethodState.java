package io.keyward.server.policy;

/** Graph {@code authenticationMethodState}: whether the passkey method can be used at all. */
public enum MethodState {
    enabled, disabled
}
