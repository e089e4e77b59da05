package io.keyward.hwtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.station.batch.Batch;
import io.keyward.station.batch.KeySlot;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.PinMode;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.PinSource;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.simulator.SimulatedAuthenticator;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help desk's batch, end to end: three employees, three new simulated keys of two models handed to the station
 * one after the other through the USB stack, a real {@code ./keyward start-dev}; then each key signs its employee in
 * through the sign-in API, and the audit log shows each provisioning with the operator.
 */
class BatchEnrollmentIT {

    private static final String OPERATOR = "Bea Batch";
    private static final String PIN = "135790";
    /** The PIN is set by the station; the keys then ask for it on every use, and for at least 6 digits. */
    private static final EnrollmentProfile SET_PIN = new EnrollmentProfile("batch", false, PinMode.OPERATOR, 6, 6, false, true);

    private static KeywardUnderTest keyward;
    private static StationGraph station;

    @RegisterExtension
    static final BeforeAllCallback KEYWARD = context -> {
        keyward = KeywardUnderTest.of(context);
        station = new StationGraph(new KeywardClient(keyward.stationConfig(OPERATOR)));
    };

    @Test
    void threeKeysOfTwoModelsAreEnrolledInOneBatchAndEachSignsItsEmployeeIn(@TempDir Path directory) throws Exception {
        SimulatedUsbKeys bus = KeysUnderTest.bus();
        List<JsonNode> employees = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            employees.add(keyward.admin().createUser("batch" + i, "Batch Employee " + i));
        }
        List<String> upns = employees.stream().map(e -> e.path("userPrincipalName").asText()).toList();
        HandingOutKeys slot = new HandingOutKeys(bus, List.of(KeyModel.KEYWARD_SIM_A, KeyModel.KEYWARD_SIM_B, KeyModel.KEYWARD_SIM_A));
        List<String> shown = new CopyOnWriteArrayList<>();
        Path results = directory.resolve("results.csv");

        Batch.Summary summary = new Batch(station, new Enrollment(station, OPERATOR, Clock.systemUTC()), slot, shown::add,
                Duration.ofSeconds(10), result -> { }).run(upns, SET_PIN, PinSource.fixed(PIN, PIN), results);

        assertThat(summary.enrolled()).as(String.join("\n", shown)).isEqualTo(3);
        List<String> rows = Files.readAllLines(results);
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).allMatch(row -> row.contains(",enrolled,"));
        assertThat(String.join("\n", rows)).contains(KeyModel.KEYWARD_SIM_A.aaguid().toString()).contains(KeyModel.KEYWARD_SIM_B.aaguid().toString());
        for (int i = 0; i < 3; i++) {
            SimulatedAuthenticator key = slot.handedOut.get(i);
            SimulatedUsbKey plugged = bus.plugIn(key);
            try {
                KeyOps.SignIn signIn = KeyOps.signIn(keyward, new KeyUnderTest("batch key " + (i + 1), () -> bySerial(key.serial()), PIN, false,
                        Optional.of(key)));
                assertThat(signIn.status()).as("key %d: %s", i + 1, signIn.body()).isEqualTo(200);
                assertThat(signIn.upn()).isEqualTo(upns.get(i));
            } finally {
                bus.pull(plugged);
            }
        }
        JsonNode audits = keyward.admin().directoryAudits("activityDisplayName eq 'User registered security info'");
        for (JsonNode employee : employees) {
            assertThat(java.util.stream.StreamSupport.stream(audits.path("value").spliterator(), false)
                    .filter(audit -> audit.path("targetResources").path(0).path("id").asText().equals(employee.path("id").asText())))
                    .as("provisioning of %s in the audit log", employee.path("userPrincipalName").asText())
                    .singleElement().satisfies(audit -> {
                        assertThat(audit.path("initiatedBy").path("app").path("displayName").asText()).endsWith("(operator: " + OPERATOR + ")");
                        assertThat(audit.path("additionalDetails").toString()).as("what the station did to the key's PIN")
                                .isEqualTo("[{\"key\":\"pinSet\",\"value\":\"true\"},{\"key\":\"pinChangeForced\",\"value\":\"false\"},"
                                        + "{\"key\":\"minimumPinLength\",\"value\":\"6\"},{\"key\":\"alwaysUv\",\"value\":\"true\"}]");
                    });
        }
    }

    private static UsbKey bySerial(String serial) {
        return new UsbKeys().attached().stream().filter(key -> key.serialNumber().filter(serial::equals).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalStateException("key " + serial + " is not attached"));
    }

    /** The operator at the slot: plugs the next new key of the pile in when asked, and pulls it when told to. */
    private static final class HandingOutKeys implements KeySlot {
        private final SimulatedUsbKeys bus;
        private final Deque<KeyModel> pile;
        private final List<SimulatedAuthenticator> handedOut = new ArrayList<>();
        private SimulatedUsbKey current;

        HandingOutKeys(SimulatedUsbKeys bus, List<KeyModel> models) {
            this.bus = bus;
            this.pile = new ArrayDeque<>(models);
        }

        @Override
        public Optional<UsbKey> awaitKey(Duration wait) {
            if (pile.isEmpty()) {
                return Optional.empty();
            }
            try {
                current = bus.plugIn(pile.removeFirst());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            handedOut.add(current.authenticator());
            return Optional.of(bySerial(current.authenticator().serial()));
        }

        @Override
        public void awaitRemoval(Duration wait) {
            if (current != null) {
                try {
                    bus.pull(current);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                current = null;
            }
        }
    }
}
