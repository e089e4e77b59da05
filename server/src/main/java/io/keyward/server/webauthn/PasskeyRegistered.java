package io.keyward.server.webauthn;

import io.keyward.server.policy.RegistrationChannel;

import java.util.UUID;

/**
 * A passkey registration passed every check and was stored, raised by the ceremony in its transaction (whatever the
 * channel), as the counterpart of {@link PasskeyRegistrationRefused}; observers that count it wait for the commit.
 */
public record PasskeyRegistered(RegistrationChannel channel, UUID aaguid) {
}
