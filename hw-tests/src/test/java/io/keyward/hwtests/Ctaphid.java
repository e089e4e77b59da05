package io.keyward.hwtests;

import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.simulator.CtapHidFraming;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Raw CTAPHID (CTAP 2.1 §11.2) on a key, for the transport's negative scenarios that a well-behaved client library
 * never produces: unknown channels, packets out of order, stalled messages, a second channel while one is busy.
 */
final class Ctaphid {

    static final byte PING = 0x01, INIT = 0x06, CBOR = 0x10, CANCEL = 0x11;
    private static final byte KEEPALIVE = 0x3b, ERROR = 0x3f;
    private static final int BROADCAST = 0xffffffff;

    private final HidFidoConnection connection;
    private final CtapHidFraming framing = new CtapHidFraming();

    Ctaphid(HidFidoConnection connection) {
        this.connection = connection;
    }

    /** CTAPHID_INIT on the broadcast channel; the new channel id. */
    int init() throws IOException {
        byte[] nonce = new byte[8];
        new SecureRandom().nextBytes(nonce);
        send(BROADCAST, INIT, nonce);
        while (true) {
            byte[] reply = receive();
            if (ByteBuffer.wrap(reply).getInt() == BROADCAST && reply[4] == (byte) (0x80 | INIT)
                    && Arrays.equals(Arrays.copyOfRange(reply, 7, 15), nonce)) {
                return ByteBuffer.wrap(reply, 15, 4).getInt();
            }
        }
    }

    void send(int channel, byte command, byte[] payload) throws IOException {
        for (byte[] report : framing.frame(channel, command, payload)) {
            connection.send(report);
        }
    }

    /** Sends a message and returns the CTAPHID error code the key answers on that channel. */
    int errorFor(int channel, byte command, byte[] payload) throws IOException {
        send(channel, command, payload);
        return error(channel);
    }

    /** A 100-byte PING whose continuation packet claims SEQ 1 instead of 0. */
    int outOfSequence(int channel) throws IOException {
        List<byte[]> reports = framing.frame(channel, PING, new byte[100]);
        byte[] continuation = reports.get(1).clone();
        continuation[4] = 1;
        connection.send(reports.get(0));
        connection.send(continuation);
        return error(channel);
    }

    /** The first packet of a 100-byte PING and then nothing: the key must give up on the message. */
    int stalled(int channel) throws IOException {
        connection.send(framing.frame(channel, PING, new byte[100]).get(0));
        return error(channel);
    }

    /** The CTAP status byte of the CBOR answer on the channel, skipping keep-alives. */
    int cborStatus(int channel) throws IOException {
        while (true) {
            byte[] reply = receive();
            if (ByteBuffer.wrap(reply).getInt() == channel && reply[4] == (byte) (0x80 | CBOR)) {
                return reply[7] & 0xff;
            }
        }
    }

    private int error(int channel) throws IOException {
        while (true) {
            byte[] reply = receive();
            if (ByteBuffer.wrap(reply).getInt() != channel || reply[4] == (byte) (0x80 | KEEPALIVE)) {
                continue;
            }
            if (reply[4] != (byte) (0x80 | ERROR)) {
                throw new IOException(String.format("expected CTAPHID_ERROR on channel %08x, got command %02x", channel, reply[4]));
            }
            return reply[7] & 0xff;
        }
    }

    private byte[] receive() throws IOException {
        byte[] report = new byte[64];
        connection.receive(report);
        return report;
    }
}
