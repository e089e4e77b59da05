package io.keyward.station.simulator;

import com.yubico.yubikit.core.fido.FidoConnection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A simulated key's CTAPHID device wired straight to yubikit, without USB: fast tests of the CTAP2 layer. */
final class InMemoryFidoConnection implements FidoConnection {

    private final BlockingQueue<byte[]> inputReports = new LinkedBlockingQueue<>();
    private final CtapHidDevice device;

    InMemoryFidoConnection(SimulatedAuthenticator authenticator) {
        this.device = new CtapHidDevice(authenticator, inputReports::add);
    }

    CtapHidDevice device() {
        return device;
    }

    @Override
    public void send(byte[] packet) {
        device.outputReport(packet);
    }

    @Override
    public void receive(byte[] packet) throws IOException {
        try {
            byte[] report = inputReports.poll(5, TimeUnit.SECONDS);
            if (report == null) {
                throw new IOException("no report from the simulated key within 5 s");
            }
            System.arraycopy(report, 0, packet, 0, packet.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    @Override
    public void close() {
        device.close();
    }
}
