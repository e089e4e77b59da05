package io.keyward.station.simulator;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A credential held by a simulated key. Real keys wrap non-discoverable credentials into their credential id;
 * the simulator keeps every credential in memory and lists only discoverable ones to credential management.
 */
final class StoredCredential {

    final byte[] id;
    final String rpId;
    final Map<?, ?> rp;
    final byte[] rpIdHash;
    final KeyPair key;
    final boolean discoverable;
    final int credProtect;
    final Instant created;
    Map<?, ?> user;
    int signCount;

    StoredCredential(byte[] id, String rpId, Map<?, ?> rp, byte[] rpIdHash, Map<?, ?> user, KeyPair key,
                     boolean discoverable, int credProtect, Instant created) {
        this.id = id.clone();
        this.rpId = Objects.requireNonNull(rpId);
        this.rp = rp;
        this.rpIdHash = rpIdHash.clone();
        this.user = user;
        this.key = key;
        this.discoverable = discoverable;
        this.credProtect = credProtect;
        this.created = created;
    }

    byte[] userId() {
        return (byte[]) user.get("id");
    }
}
