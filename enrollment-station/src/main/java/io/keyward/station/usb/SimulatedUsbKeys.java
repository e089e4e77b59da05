package io.keyward.station.usb;

import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.CtapHidDevice;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.simulator.SimulatedAuthenticator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated keys on a fake USB bus: each one a {@code /dev/hidraw} node with the FIDO report descriptor in a
 * umockdev testbed, answered by a {@link SimulatedAuthenticator}. Clients see them through the real USB HID stack
 * (hidapi's hidraw backend, hid4java, python-fido2, libfido2) when they run with {@link #childEnvironment()}, or, for
 * a JVM started with the preload, after {@link #exposeToThisProcess()}.
 */
public final class SimulatedUsbKeys implements AutoCloseable {

    /** The preload library of Debian's libumockdev0, found by the dynamic linker by name. */
    public static final String PRELOAD = "libumockdev-preload.so.0";

    private final UmockdevBridge bridge;
    private final AttestationAuthority authority;
    private final List<SimulatedUsbKey> plugged = new ArrayList<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final AtomicInteger nextSerial = new AtomicInteger(1);

    private SimulatedUsbKeys(UmockdevBridge bridge, AttestationAuthority authority) {
        this.bridge = bridge;
        this.authority = authority;
    }

    /** An empty fake USB bus whose keys attest with certificates from {@code authority}. */
    public static SimulatedUsbKeys start(AttestationAuthority authority) throws IOException {
        return new SimulatedUsbKeys(UmockdevBridge.start(), authority);
    }

    public AttestationAuthority authority() {
        return authority;
    }

    /** Plugs in a new key of this model (no PIN, no credentials). */
    public SimulatedUsbKey plugIn(KeyModel model) throws IOException {
        String serial = model.name().toUpperCase(Locale.ROOT).replace("-", "") + String.format("%04d", nextSerial.getAndIncrement());
        return plugIn(new SimulatedAuthenticator(model, authority, serial));
    }

    /** Plugs in this key (again): a power cycle for it, a new hidraw node for the host. */
    public synchronized SimulatedUsbKey plugIn(SimulatedAuthenticator authenticator) throws IOException {
        authenticator.powerCycle();
        int index = nextIndex.getAndIncrement();
        CtapHidDevice device = new CtapHidDevice(authenticator, report -> bridge.inputReport(index, report));
        KeyModel model = authenticator.model();
        String devnode = bridge.add(index, model.vendorId(), model.productId(), authenticator.serial(),
                model.description(), device::outputReport);
        SimulatedUsbKey key = new SimulatedUsbKey(index, devnode, authenticator, device);
        plugged.add(key);
        return key;
    }

    /** Pulls the key out: the host's open handle fails, the node disappears; the key keeps its state. */
    public synchronized void pull(SimulatedUsbKey key) throws IOException {
        if (plugged.remove(key)) {
            key.device().close();
            bridge.remove(key.index());
        }
    }

    public synchronized List<SimulatedUsbKey> plugged() {
        return List.copyOf(plugged);
    }

    /** LD_PRELOAD and UMOCKDEV_DIR for a child process that should see these keys. */
    public Map<String, String> childEnvironment() {
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        return Map.of("LD_PRELOAD", preload.contains(PRELOAD) ? preload : (PRELOAD + (preload.isEmpty() ? "" : ":" + preload)),
                "UMOCKDEV_DIR", bridge.rootDir().toString());
    }

    /**
     * Lets this JVM see the keys: it must have been started with {@code LD_PRELOAD=libumockdev-preload.so.0}
     * (the preload reads UMOCKDEV_DIR on every trapped call, so setting it now is enough).
     *
     * @throws IllegalStateException if the JVM runs without the preload
     */
    public void exposeToThisProcess() {
        if (!preloadedIntoThisProcess()) {
            throw new IllegalStateException("this JVM was started without LD_PRELOAD=" + PRELOAD
                    + "; run it under ./keyward simulated-keys, or use childEnvironment() for a child process");
        }
        ProcessEnvironment.set("UMOCKDEV_DIR", bridge.rootDir().toString());
    }

    /** Whether this JVM was started with the umockdev preload. */
    public static boolean preloadedIntoThisProcess() {
        return System.getenv().getOrDefault("LD_PRELOAD", "").contains(PRELOAD);
    }

    @Override
    public synchronized void close() {
        if (preloadedIntoThisProcess()) {
            ProcessEnvironment.unset("UMOCKDEV_DIR");
        }
        plugged.forEach(key -> key.device().close());
        plugged.clear();
        bridge.close();
    }
}
