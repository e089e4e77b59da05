package io.keyward.server.webauthn;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.policy.RegistrationChannel;

import java.util.Optional;
import java.util.UUID;

/**
 * A passkey registration was refused, at the options or at the response, whatever the channel (Security info, Graph
 * provisioning, the kiosk): raised by the ceremony so that the refusal is written to the directory audit log with
 * its reason code even though the ceremony's own work is rolled back.
 */
public record PasskeyRegistrationRefused(DirectoryUser user, RegistrationChannel channel, ReasonCode reason, String message,
                                         Actor actor, Optional<UUID> aaguid) {
}
