package io.keyward.station.batch;

import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.FakeKeywardAccess;
import io.keyward.station.enrollment.PinSource;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch on simulated USB keys: the "operator" plugs a fresh key in whenever the station asks for one and pulls it
 * when told to remove it.
 */
class BatchTest {

    private static SimulatedUsbKeys bus;
    private FakeKeywardAccess keyward;
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final List<KeyModel> keysToHandOut = new ArrayList<>();

    @BeforeAll
    static void startBus() throws IOException {
        bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward Batch Test Root"));
        bus.exposeToThisProcess();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @BeforeEach
    void start() throws IOException {
        keyward = new FakeKeywardAccess();
    }

    @AfterEach
    void stop() throws IOException {
        keyward.close();
        for (SimulatedUsbKey key : bus.plugged()) {
            bus.pull(key);
        }
    }

    /** Plugs in the next key of the pile when asked; pulls it when told to remove it. */
    private final KeySlot operatorAtTheSlot = new KeySlot() {
        private final UsbKeys usb = new UsbKeys();

        @Override
        public Optional<UsbKey> awaitKey(Duration wait) throws InterruptedException {
            if (keysToHandOut.isEmpty()) {
                return Optional.empty();
            }
            try {
                bus.plugIn(keysToHandOut.remove(0));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Optional.of(usb.attached().get(0));
        }

        @Override
        public void awaitRemoval(Duration wait) {
            try {
                for (SimulatedUsbKey key : bus.plugged()) {
                    bus.pull(key);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private Batch batch() {
        StationGraph graph = new StationGraph(new KeywardClient(keyward.config()));
        return new Batch(graph, new Enrollment(graph, "Olga Operator", Clock.systemUTC()), operatorAtTheSlot, shown::add,
                Duration.ofSeconds(1), result -> { });
    }

    @Test
    void enrollsEachEmployeeWritesOneRowEachAndSummarises(@TempDir Path directory) throws Exception {
        keysToHandOut.addAll(List.of(KeyModel.KEYWARD_SIM_A, KeyModel.KEYWARD_SIM_B));
        Path results = directory.resolve("results.csv");

        Batch.Summary summary = batch().run(List.of("ann@contoso.test", "guest_x@contoso.test", "bob@contoso.test"),
                EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x"), results);

        assertThat(summary.enrolled()).isEqualTo(2);
        assertThat(summary.failures()).containsEntry("guestUserNotSupported", 1);
        List<String> lines = Files.readAllLines(results);
        assertThat(lines.get(0)).isEqualTo(BatchRow.HEADER);
        assertThat(lines).hasSize(4);
        assertThat(BatchRow.parse(lines.get(1))).satisfies(row -> {
            assertThat(row.userPrincipalName()).isEqualTo("ann@contoso.test");
            assertThat(row.aaGuid()).isEqualTo(KeyModel.KEYWARD_SIM_A.aaguid().toString());
            assertThat(row.status()).isEqualTo("enrolled");
            assertThat(row.credentialId()).isNotBlank();
        });
        assertThat(BatchRow.parse(lines.get(2))).satisfies(row -> {
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.reasonCode()).isEqualTo("guestUserNotSupported");
        });
        assertThat(BatchRow.parse(lines.get(3)).aaGuid()).isEqualTo(KeyModel.KEYWARD_SIM_B.aaguid().toString());
        assertThat(shown).anyMatch(line -> line.contains("next: bob (bob@contoso.test) — insert a key"));
    }

    @Test
    void aStoppedBatchResumesWithoutEnrollingAnyoneTwice(@TempDir Path directory) throws Exception {
        Path results = directory.resolve("results.csv");
        keysToHandOut.add(KeyModel.KEYWARD_SIM_A);
        batch().run(List.of("ann@contoso.test", "bob@contoso.test"), EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x"), results);
        assertThat(keyward.registrations()).isEqualTo(1);

        keysToHandOut.add(KeyModel.KEYWARD_SIM_A);
        Batch.Summary resumed = batch().run(List.of("ann@contoso.test", "bob@contoso.test"), EnrollmentProfile.DEFAULT,
                PinSource.fixed("x", "x"), results);

        assertThat(resumed.skipped()).isEqualTo(1);
        assertThat(resumed.enrolled()).isEqualTo(1);
        assertThat(keyward.registrations()).isEqualTo(2);
        assertThat(Files.readAllLines(results)).filteredOn(line -> line.startsWith("bob@")).extracting(line -> BatchRow.parse(line).status())
                .containsExactly("failed", "enrolled");
    }

    @Test
    void readsUpnsFromTheFirstColumnSkippingAHeaderAndBlankLines(@TempDir Path directory) throws Exception {
        Path csv = directory.resolve("staff.csv");
        Files.writeString(csv, "userPrincipalName,department\nann@contoso.test,Sales\n\n\"bob@contoso.test\",IT\n");

        assertThat(Batch.readUpns(csv)).containsExactly("ann@contoso.test", "bob@contoso.test");
    }

    @Test
    void resultFieldsThatASpreadsheetWouldRunAsAFormulaAreNeutralised() {
        assertThat(new BatchRow("=cmd()@x", "", "+model", "-credential", "failed", "r").csv())
                .isEqualTo("'=cmd()@x,,'+model,-credential,failed,r");
    }
}
