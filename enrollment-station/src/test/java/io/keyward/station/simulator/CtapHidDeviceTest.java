package io.keyward.station.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The device side of CTAPHID at the level of 64-byte reports (CTAP 2.1 §11.2). */
class CtapHidDeviceTest {

    private final BlockingQueue<byte[]> fromKey = new LinkedBlockingQueue<>();
    private final SimulatedAuthenticator key = new SimulatedAuthenticator(KeyModel.KEYWARD_SIM_A,
            SimulatedKeyFixture.AUTHORITY, "H0001");
    private final CtapHidDevice device = new CtapHidDevice(key, fromKey::add);
    private final CtapHidFraming framing = new CtapHidFraming();

    @AfterEach
    void close() {
        device.close();
    }

    @Test
    void initOnTheBroadcastChannelAllocatesAChannelAndEchoesTheNonce() throws Exception {
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};
        write(CtapHidDevice.BROADCAST_CHANNEL, CtapHidDevice.INIT, nonce);

        byte[] reply = read();
        ByteBuffer buffer = ByteBuffer.wrap(reply);
        assertThat(buffer.getInt()).isEqualTo(CtapHidDevice.BROADCAST_CHANNEL);
        assertThat(buffer.get()).isEqualTo((byte) 0x86);
        assertThat(buffer.getShort()).isEqualTo((short) 17);
        assertThat(Arrays.copyOfRange(reply, 7, 15)).isEqualTo(nonce);
        int channel = buffer.position(15).getInt();
        assertThat(channel).isNotIn(0, CtapHidDevice.BROADCAST_CHANNEL);
        assertThat(reply[23] & 0x04).as("CBOR capability").isNotZero();
        assertThat(reply[23] & 0x08).as("NMSG: no U2F").isNotZero();
    }

    @Test
    void pingEchoesAMessageOfSeveralPackets() throws Exception {
        int channel = init();
        byte[] payload = new byte[300];
        new java.util.Random(7).nextBytes(payload);

        write(channel, CtapHidDevice.PING, payload);

        CtapHidReassembler reassembler = framing.reassembler(channel);
        java.util.Optional<CtapHidMessage> message = java.util.Optional.empty();
        while (message.isEmpty()) {
            message = reassembler.accept(read());
        }
        assertThat(message.get().payload()).isEqualTo(payload);
    }

    @Test
    void unallocatedChannelGetsInvalidChannel() throws Exception {
        write(0x01020304, CtapHidDevice.PING, new byte[]{1});

        assertError(read(), 0x01020304, CtapHidDevice.ERR_INVALID_CHANNEL);
    }

    @Test
    void anotherChannelIsBusyWhileACommandWaitsForATouch() throws Exception {
        key.userPresence(UserPresence.never());
        int first = init();
        int second = init();
        write(first, CtapHidDevice.CBOR, new byte[]{0x0B}); // authenticatorSelection: waits for a touch

        write(second, CtapHidDevice.PING, new byte[]{1});

        byte[] reply = readSkippingKeepalives();
        assertError(reply, second, CtapHidDevice.ERR_CHANNEL_BUSY);
        write(first, CtapHidDevice.CANCEL, new byte[0]);
    }

    @Test
    void keepaliveSaysUserPresenceNeededWhileWaitingAndCancelEndsTheCommand() throws Exception {
        key.userPresence(UserPresence.never());
        int channel = init();
        write(channel, CtapHidDevice.CBOR, new byte[]{0x0B});

        byte[] keepalive = read();
        assertThat(keepalive[4]).isEqualTo((byte) (0x80 | CtapHidDevice.KEEPALIVE));
        assertThat(keepalive[7]).as("status UPNEEDED").isEqualTo((byte) 2);

        write(channel, CtapHidDevice.CANCEL, new byte[0]);
        byte[] reply = readSkippingKeepalives();
        assertThat(reply[4]).isEqualTo((byte) (0x80 | CtapHidDevice.CBOR));
        assertThat(reply[7]).as("CTAP2_ERR_KEEPALIVE_CANCEL").isEqualTo(CtapStatus.KEEPALIVE_CANCEL.code());
    }

    @Test
    void continuationOutOfSequenceGetsInvalidSeq() throws Exception {
        int channel = init();
        List<byte[]> reports = framing.frame(channel, CtapHidDevice.PING, new byte[200]);
        device.outputReport(reports.get(0));
        device.outputReport(reports.get(2));

        assertError(read(), channel, CtapHidDevice.ERR_INVALID_SEQ);
    }

    @Test
    void stalledTransactionGetsMessageTimeout() throws Exception {
        int channel = init();
        device.outputReport(framing.frame(channel, CtapHidDevice.PING, new byte[200]).get(0));

        byte[] reply = fromKey.poll(2, TimeUnit.SECONDS);

        assertThat(reply).isNotNull();
        assertError(reply, channel, CtapHidDevice.ERR_MSG_TIMEOUT);
    }

    @Test
    void u2fMessagesAreNotSupported() throws Exception {
        int channel = init();
        write(channel, CtapHidDevice.MSG, new byte[]{0, 1, 0, 0});

        assertError(read(), channel, CtapHidDevice.ERR_INVALID_CMD);
    }

    @Test
    void pulledKeyAnswersNothing() throws Exception {
        int channel = init();
        device.unplug();

        write(channel, CtapHidDevice.PING, new byte[]{1});

        assertThat(fromKey.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    private int init() throws Exception {
        write(CtapHidDevice.BROADCAST_CHANNEL, CtapHidDevice.INIT, new byte[8]);
        return ByteBuffer.wrap(read(), 15, 4).getInt();
    }

    private void write(int channel, byte command, byte[] payload) {
        framing.frame(channel, command, payload).forEach(device::outputReport);
    }

    private byte[] read() throws InterruptedException {
        byte[] report = fromKey.poll(2, TimeUnit.SECONDS);
        assertThat(report).as("a report from the key").isNotNull();
        return report;
    }

    private byte[] readSkippingKeepalives() throws InterruptedException {
        byte[] report;
        do {
            report = read();
        } while (report[4] == (byte) (0x80 | CtapHidDevice.KEEPALIVE));
        return report;
    }

    private static void assertError(byte[] report, int channel, byte code) {
        assertThat(ByteBuffer.wrap(report).getInt()).isEqualTo(channel);
        assertThat(report[4]).isEqualTo((byte) (0x80 | CtapHidDevice.ERROR));
        assertThat(report[7]).isEqualTo(code);
    }
}
