package io.keyward.station.simulator;

import java.nio.ByteBuffer;
import java.util.Optional;

import static io.keyward.station.simulator.CtapHidFraming.CONT_DATA_SIZE;
import static io.keyward.station.simulator.CtapHidFraming.INIT_DATA_SIZE;
import static io.keyward.station.simulator.CtapHidFraming.MAX_PAYLOAD_SIZE;
import static io.keyward.station.simulator.CtapHidFraming.REPORT_SIZE;
import static io.keyward.station.simulator.CtapHidFraming.TYPE_INIT;

/**
 * Rebuilds CTAPHID messages from the HID reports of one channel (CTAP 2.1 §11.2.4).
 * <p>
 * Feed each report read from the device to {@link #accept(byte[])}; it returns the message once its last
 * packet has arrived. A report that breaks the framing rules is refused with an exception naming the rule,
 * and the partial message is discarded: the transaction is lost and the caller must start again (for a key,
 * CTAP 2.1 §11.2.4 says to resynchronise with CTAPHID_INIT). Keep-alive messages (CTAPHID_KEEPALIVE, 0x3b) are
 * ordinary one-packet messages here; the caller skips them.
 * <p>
 * Not thread-safe: one reassembler serves one reader of one channel.
 */
public final class CtapHidReassembler {

    private final int channelId;

    private byte command;
    private byte[] payload;
    private int received;
    private int nextSequence;

    CtapHidReassembler(int channelId) {
        this.channelId = channelId;
    }

    public int channelId() {
        return channelId;
    }

    /** Whether an initialization packet has been accepted and the message still lacks continuation packets. */
    public boolean inProgress() {
        return payload != null;
    }

    /**
     * Accepts the next report.
     *
     * @param report one HID report of exactly {@value CtapHidFraming#REPORT_SIZE} bytes (without a report id)
     * @return the message if this report completed it, otherwise empty
     * @throws MalformedReportException     if the report is not {@value CtapHidFraming#REPORT_SIZE} bytes long
     * @throws WrongChannelException        if the report belongs to another channel
     * @throws MessageTooLargeException     if an initialization packet announces more than
     *                                      {@value CtapHidFraming#MAX_PAYLOAD_SIZE} bytes
     * @throws UnexpectedPacketException    if a continuation packet arrives with no message in progress, or an
     *                                      initialization packet while one is
     * @throws OutOfOrderSequenceException  if a continuation packet's SEQ is not the next one
     */
    public Optional<CtapHidMessage> accept(byte[] report) throws CtapHidFramingException {
        if (report == null || report.length != REPORT_SIZE) {
            reset();
            throw new MalformedReportException("a CTAPHID report has " + REPORT_SIZE + " bytes, this one has "
                    + (report == null ? "none" : report.length));
        }
        ByteBuffer packet = ByteBuffer.wrap(report);
        int cid = packet.getInt();
        if (cid != channelId) {
            reset();
            throw new WrongChannelException(channelId, cid);
        }
        int type = packet.get() & 0xff;
        try {
            return (type & TYPE_INIT) != 0 ? initialization((byte) (type & ~TYPE_INIT), packet) : continuation(type, packet);
        } catch (CtapHidFramingException e) {
            reset();
            throw e;
        }
    }

    private Optional<CtapHidMessage> initialization(byte cmd, ByteBuffer packet) throws CtapHidFramingException {
        if (inProgress()) {
            throw new UnexpectedPacketException(String.format(
                    "initialization packet (command %02x) on channel %08x while a message of %d bytes has only %d",
                    cmd, channelId, payload.length, received));
        }
        int length = packet.getShort() & 0xffff;
        if (length > MAX_PAYLOAD_SIZE) {
            throw new MessageTooLargeException(length);
        }
        command = cmd;
        payload = new byte[length];
        nextSequence = 0;
        received = Math.min(INIT_DATA_SIZE, length);
        packet.get(payload, 0, received);
        return completed();
    }

    private Optional<CtapHidMessage> continuation(int sequence, ByteBuffer packet) throws CtapHidFramingException {
        if (!inProgress()) {
            throw new UnexpectedPacketException(String.format(
                    "continuation packet SEQ %d on channel %08x without an initialization packet", sequence, channelId));
        }
        if (sequence != nextSequence) {
            throw new OutOfOrderSequenceException(nextSequence, sequence);
        }
        nextSequence++;
        int length = Math.min(CONT_DATA_SIZE, payload.length - received);
        packet.get(payload, received, length);
        received += length;
        return completed();
    }

    private Optional<CtapHidMessage> completed() {
        if (received < payload.length) {
            return Optional.empty();
        }
        CtapHidMessage message = new CtapHidMessage(channelId, command, payload);
        reset();
        return Optional.of(message);
    }

    private void reset() {
        payload = null;
        received = 0;
        nextSequence = 0;
    }
}
