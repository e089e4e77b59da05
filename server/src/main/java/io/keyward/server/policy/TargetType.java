package io.keyward.server.policy;

/** Graph {@code authenticationMethodTargetType}: what an include or exclude target's id names. */
public enum TargetType {
    user, group
}
