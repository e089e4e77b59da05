package io.keyward.station.key;

import com.yubico.yubikit.core.fido.FidoConnection;
import org.hid4java.HidDevice;

import java.time.Duration;

/**
 * yubikit's {@link FidoConnection} over a hid4java device: 64-byte reports with report id 0. yubikit's
 * {@code FidoProtocol} does the CTAPHID framing, channel set-up and keep-alives on top of it.
 * <p>
 * A key that is waiting for a touch sends a KEEPALIVE every 100 ms (CTAP 2.1 §11.2.9.1.6), so a read that sees
 * nothing for {@link #SILENCE_LIMIT} means the key is gone or hung.
 */
public final class HidFidoConnection implements FidoConnection {

    /** Longest silence tolerated between two reports of one answer. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(5);
    private static final int READ_SLICE_MILLIS = 250;

    private final HidDevice device;

    private HidFidoConnection(HidDevice device) {
        this.device = device;
    }

    static HidFidoConnection open(HidDevice device) throws KeyUnavailableException {
        if (!device.isOpen() && !device.open()) {
            throw new KeyUnavailableException("cannot open the key at " + device.getPath() + ": "
                    + device.getLastErrorMessage() + " (on Linux: a udev rule for FIDO keys, or run as root)");
        }
        return new HidFidoConnection(device);
    }

    @Override
    public void send(byte[] packet) throws KeyUnavailableException {
        int written = device.write(packet, PACKET_SIZE, (byte) 0);
        if (written < 0) {
            throw new KeyRemovedException("the key stopped accepting data (pulled out?): " + device.getLastErrorMessage());
        }
    }

    @Override
    public void receive(byte[] packet) throws KeyUnavailableException {
        long deadline = System.nanoTime() + SILENCE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            int read = device.read(packet, READ_SLICE_MILLIS);
            if (read < 0) {
                throw new KeyRemovedException("the key stopped answering (pulled out?): " + device.getLastErrorMessage());
            }
            if (read > 0) {
                return;
            }
        }
        throw new KeyUnavailableException("the key said nothing for " + SILENCE_LIMIT.toSeconds() + " seconds");
    }

    @Override
    public void close() {
        device.close();
    }
}
