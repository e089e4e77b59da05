package io.keyward.server.directory;

/** Graph {@code externalUserState} of an invited guest. */
public enum ExternalUserState {
    PendingAcceptance, Accepted
}
