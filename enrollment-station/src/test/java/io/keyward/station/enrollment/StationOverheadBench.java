package io.keyward.station.enrollment;

import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.simulator.SimulatedAuthenticator;
import io.keyward.station.usb.SimulatedUsbKeys;
import org.junit.jupiter.api.Test;

import io.keyward.station.receipt.Receipt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Not a test: the station's time per enrolled key beyond the key's own time (target below 300 ms), on simulated
 * keys through the USB stack against the stand-in Keyward, so Keyward's time is near zero. Prints its figures.
 * Also prints the time of each step of an enrollment (the key's own time included) and of the receipt PDF, which is
 * printed after the enrollment and not counted in the overhead figure.
 * Run: {@code mvn -pl enrollment-station test -Pbench [-Dbench.keys=20]}.
 */
class StationOverheadBench {

    @Test
    void stationOverheadPerKey() throws Exception {
        int keys = Integer.getInteger("bench.keys", 20);
        long[] overheadMillis = new long[keys];
        Map<String, Long> steps = new LinkedHashMap<>();
        Path receipts = Files.createTempDirectory("bench-receipts");
        try (SimulatedUsbKeys bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Bench Root"));
             FakeKeyward keyward = new FakeKeyward()) {
            bus.exposeToThisProcess();
            StationGraph graph = new StationGraph(new KeywardClient(keyward.config()));
            Enrollment enrollment = new Enrollment(graph, "Bench", Clock.systemUTC());
            boolean[] counting = {false};
            enrollment.timings((step, nanos) -> {
                if (counting[0]) {
                    steps.merge(step, nanos, Long::sum);
                }
            });
            UsbKeys usb = new UsbKeys();
            for (int i = -3; i < keys; i++) { // three warm-up rounds
                SimulatedAuthenticator key = bus.plugIn(KeyModel.KEYWARD_SIM_A).authenticator();
                long keyBefore = key.busyNanos();
                counting[0] = i >= 0;
                long started = System.nanoTime();
                EnrollmentResult result = enrollment.enroll(usb.attached().get(0), new Employee("u" + i, "u" + i + "@contoso.test",
                        "U " + i, false, true), EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x"));
                long total = System.nanoTime() - started;
                // The receipt is printed after the enrollment; timed on its own, not in the overhead figure.
                new Receipt(result, ZoneId.systemDefault()).writePdf(receipts.resolve("u" + i + ".pdf"));
                if (i >= 0) {
                    overheadMillis[i] = (total - (key.busyNanos() - keyBefore)) / 1_000_000;
                    steps.merge("receipt PDF (receipt and PIN slip)", System.nanoTime() - started - total, Long::sum);
                }
                bus.pull(bus.plugged().get(0));
            }
        }
        steps.forEach((step, nanos) -> System.out.printf("StationOverheadBench: step %-45s %6.1f ms per key (key's own time"
                + " included)%n", step, nanos / 1e6 / keys));
        Arrays.sort(overheadMillis);
        System.out.printf("StationOverheadBench: %d keys, station overhead per key (total minus the key's own time):"
                        + " median %d ms, p90 %d ms, max %d ms%n", keys, overheadMillis[keys / 2],
                overheadMillis[(int) (keys * 0.9)], overheadMillis[keys - 1]);
    }
}
