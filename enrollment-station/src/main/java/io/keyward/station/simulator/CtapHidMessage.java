package io.keyward.station.simulator;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One complete CTAPHID message.
 *
 * @param channelId the CID it arrived on
 * @param command   the command without the initialization bit, e.g. {@code 0x10} for CTAPHID_CBOR
 * @param payload   the message data (a copy is kept and returned)
 */
public record CtapHidMessage(int channelId, byte command, byte[] payload) {

    public CtapHidMessage {
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CtapHidMessage that
                && channelId == that.channelId
                && command == that.command
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * channelId + command) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("CtapHidMessage[channel=%08x, command=%02x, payload=%s]",
                channelId, command, HexFormat.of().formatHex(payload));
    }
}
