package io.keyward.server.webauthn;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * The WebAuthn user handle: the 16 bytes of the user's immutable object id, never the UPN, so a UPN change does
 * not orphan passkeys (DESIGN.md §3; GRAPH-API.md §8 {@code publicKey.user.id}).
 */
public final class UserHandles {

    private UserHandles() {
    }

    public static byte[] of(UUID objectId) {
        return ByteBuffer.allocate(16).putLong(objectId.getMostSignificantBits()).putLong(objectId.getLeastSignificantBits()).array();
    }

    public static Optional<UUID> objectId(byte[] userHandle) {
        if (userHandle == null || userHandle.length != 16) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(userHandle);
        return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
    }
}
