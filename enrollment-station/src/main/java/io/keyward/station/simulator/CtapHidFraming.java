package io.keyward.station.simulator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Splits a CTAPHID message into 64-byte HID reports and creates reassemblers for the reverse direction
 * (CTAP 2.1 §11.2.4, "Message and packet structure").
 * <p>
 * An initialization packet carries the 4-byte channel id (CID), the command byte with bit 7 set, the
 * big-endian 2-byte payload length (BCNT) and the first {@value #INIT_DATA_SIZE} payload bytes. Each
 * continuation packet carries the CID, a sequence number 0..0x7f (bit 7 clear) and the next
 * {@value #CONT_DATA_SIZE} bytes. Unused bytes of the last packet are zero. With at most 128 continuation
 * packets a message holds at most {@value #MAX_PAYLOAD_SIZE} bytes.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class CtapHidFraming {

    /** Size of every HID report of a full-speed FIDO device (CTAP 2.1 §11.2.4: 64 bytes). */
    public static final int REPORT_SIZE = 64;
    /** Payload bytes in an initialization packet: 64 - CID (4) - CMD (1) - BCNT (2). */
    public static final int INIT_DATA_SIZE = REPORT_SIZE - 7;
    /** Payload bytes in a continuation packet: 64 - CID (4) - SEQ (1). */
    public static final int CONT_DATA_SIZE = REPORT_SIZE - 5;
    /** Highest continuation sequence number; bit 7 marks an initialization packet. */
    public static final int MAX_SEQUENCE = 0x7f;
    /** Largest message: one initialization packet and 128 continuation packets (57 + 128 × 59 = 7609). */
    public static final int MAX_PAYLOAD_SIZE = INIT_DATA_SIZE + (MAX_SEQUENCE + 1) * CONT_DATA_SIZE;

    static final int TYPE_INIT = 0x80;

    /**
     * Frames one message on a channel.
     *
     * @param channelId the CID, written big-endian; {@code 0xffffffff} is the broadcast channel of CTAPHID_INIT
     * @param command   the CTAPHID command, e.g. {@code 0x10} (CTAPHID_CBOR); bit 7 is set by the framing
     * @param payload   the message data, at most {@value #MAX_PAYLOAD_SIZE} bytes
     * @return the reports to write in order, each exactly {@value #REPORT_SIZE} bytes; one for an empty payload
     * @throws IllegalArgumentException if the payload exceeds {@value #MAX_PAYLOAD_SIZE} bytes
     */
    public List<byte[]> frame(int channelId, byte command, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_SIZE) {
            throw new IllegalArgumentException("CTAPHID payload of " + payload.length
                    + " bytes exceeds the maximum of " + MAX_PAYLOAD_SIZE + " bytes (CTAP 2.1 §11.2.4)");
        }
        List<byte[]> reports = new ArrayList<>();
        ByteBuffer init = ByteBuffer.allocate(REPORT_SIZE)
                .putInt(channelId)
                .put((byte) (command | TYPE_INIT))
                .putShort((short) payload.length);
        int offset = Math.min(INIT_DATA_SIZE, payload.length);
        init.put(payload, 0, offset);
        reports.add(init.array());
        for (int sequence = 0; offset < payload.length; sequence++) {
            int length = Math.min(CONT_DATA_SIZE, payload.length - offset);
            ByteBuffer continuation = ByteBuffer.allocate(REPORT_SIZE)
                    .putInt(channelId)
                    .put((byte) sequence)
                    .put(payload, offset, length);
            reports.add(continuation.array());
            offset += length;
        }
        return Collections.unmodifiableList(reports);
    }

    /** A reassembler that accepts the reports of messages on {@code channelId} only. */
    public CtapHidReassembler reassembler(int channelId) {
        return new CtapHidReassembler(channelId);
    }
}
