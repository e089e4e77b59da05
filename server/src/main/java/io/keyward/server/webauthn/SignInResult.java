package io.keyward.server.webauthn;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.policy.Refusal;

import java.util.Optional;

/** A passkey sign-in that passed every check; {@code auditOnly} is what audit-only key restrictions would have refused. */
public record SignInResult(DirectoryUser user, Passkey passkey, Optional<Refusal> auditOnly) {
}
