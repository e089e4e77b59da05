package io.keyward.server.directory;

import io.keyward.server.platform.Actor;

import java.util.UUID;

/**
 * A CDI event: a user's credentials or standing changed in a way that must end the sign-in sessions opened before
 * (a password set, the account disabled, a Temporary Access Pass or passkey removed). Raised by the domain operation
 * inside its transaction, so that the sessions end exactly when the change commits.
 */
public record CredentialsChanged(UUID userId, Change change, Actor actor) {

    public enum Change { PASSWORD_CHANGED, ACCOUNT_DISABLED, TEMPORARY_ACCESS_PASS_REMOVED, PASSKEY_DELETED }

}
