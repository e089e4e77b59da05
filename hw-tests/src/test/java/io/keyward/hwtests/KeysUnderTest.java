package io.keyward.hwtests;

import com.yubico.yubikit.fido.ctap.Ctap2Session;
import io.keyward.station.enrollment.KeyFacts;
import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.simulator.SimulatedAuthenticator;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of this run: one simulated key of each CTAP 2.1 model on the fake USB bus (always), and the physical keys
 * the rig file names (when there is one). Built once per JVM.
 */
final class KeysUnderTest {

    /** Simulated models the scenarios run on: two AAGUIDs, so per-model policy is exercised. */
    static final List<KeyModel> SIMULATED_MODELS = List.of(KeyModel.KEYWARD_SIM_A, KeyModel.KEYWARD_SIM_B);

    private static final UsbKeys USB = new UsbKeys();
    private static List<KeyUnderTest> keys;
    private static SimulatedUsbKeys bus;

    private KeysUnderTest() {
    }

    static synchronized List<KeyUnderTest> all() {
        if (keys == null) {
            List<KeyUnderTest> found = new ArrayList<>(simulated());
            RigFile.fromSystemProperties().ifPresent(rig -> rig.keys().forEach(spec -> found.add(physical(spec))));
            keys = List.copyOf(found);
        }
        return keys;
    }

    static SimulatedUsbKeys bus() {
        all();
        return bus;
    }

    private static List<KeyUnderTest> simulated() {
        try {
            bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward Rig Attestation Root"));
            bus.exposeToThisProcess();
            Runtime.getRuntime().addShutdownHook(new Thread(bus::close));
            List<KeyUnderTest> simulated = new ArrayList<>();
            for (KeyModel model : SIMULATED_MODELS) {
                SimulatedUsbKey key = bus.plugIn(model);
                SimulatedAuthenticator authenticator = key.authenticator();
                authenticator.presetPin(RigFile.DEFAULT_PIN);
                simulated.add(new KeyUnderTest("simulated " + model.name() + " " + authenticator.serial(),
                        () -> bySerial(authenticator.serial()), RigFile.DEFAULT_PIN, true, Optional.of(authenticator)));
            }
            return simulated;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the simulated keys: " + e.getMessage(), e);
        }
    }

    private static KeyUnderTest physical(PhysicalKeySpec spec) {
        return new KeyUnderTest("rig key " + spec.label() + " (AAGUID " + spec.aaguid() + spec.serial().map(s -> ", serial " + s).orElse("") + ")",
                () -> attached(spec), spec.pin().orElse(RigFile.DEFAULT_PIN), spec.destructive(), Optional.empty());
    }

    private static UsbKey bySerial(String serial) {
        return USB.attached().stream().filter(key -> key.serialNumber().filter(serial::equals).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalStateException("simulated key " + serial + " is not attached"));
    }

    /** The attached key matching the rig file's AAGUID (and serial); fails when none is attached. */
    static UsbKey attached(PhysicalKeySpec spec) {
        for (UsbKey key : USB.attached()) {
            if (spec.serial().isPresent() && !spec.serial().equals(key.serialNumber())) {
                continue;
            }
            try (HidFidoConnection connection = key.open(); Ctap2Session session = new Ctap2Session(connection)) {
                if (KeyFacts.of(session.getInfo()).aaguid().equals(spec.aaguid())) {
                    return key;
                }
            } catch (Exception unreadable) {
                // not a usable CTAP2 key: not this one
            }
        }
        throw new IllegalStateException("the rig file names key " + spec.label() + " (AAGUID " + spec.aaguid()
                + spec.serial().map(s -> ", serial " + s).orElse("") + ") but no attached key matches");
    }
}
