package io.keyward.station.enrollment;

import io.keyward.station.dropship.DropShip;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.simulator.SimulatedAuthenticator;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;
import io.keyward.station.config.EnrollmentProfile;
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
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DropShipTest {

    private static final Employee JANE = new Employee("u-1", "jane@contoso.test", "Jane Doe", false, true);
    private static SimulatedUsbKeys bus;
    private FakeKeyward keyward;
    private StationGraph graph;

    @BeforeAll
    static void startBus() throws IOException {
        bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward Drop-ship Test Root"));
        bus.exposeToThisProcess();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @BeforeEach
    void start() throws IOException {
        keyward = new FakeKeyward();
        graph = new StationGraph(new KeywardClient(keyward.config()));
    }

    @AfterEach
    void stop() throws IOException {
        keyward.close();
        for (SimulatedUsbKey key : bus.plugged()) {
            bus.pull(key);
        }
    }

    private DropShip dropShip(Clock clock) {
        return new DropShip(graph, new Enrollment(graph, "Olga Operator", clock), clock);
    }

    @Test
    void preparedKeyIsRegisteredLaterFromItsFileWhichHoldsNoPin(@TempDir Path directory) throws Exception {
        SimulatedAuthenticator key = bus.plugIn(KeyModel.KEYWARD_SIM_A).authenticator();
        Path file = directory.resolve("jane.json");

        EnrollmentResult prepared = dropShip(Clock.systemUTC()).prepare(new UsbKeys().attached().get(0), JANE,
                EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x"), DropShip.MAX_MINUTES, file);

        assertThat(keyward.lastCreationOptionsPath).contains("creationOptions(challengeTimeoutInMinutes=43200)");
        assertThat(keyward.registrations).isEmpty();
        assertThat(key.discoverableCredentialUserNames()).containsExactly("jane@contoso.test");
        assertThat(Files.readString(file)).doesNotContain(new String(prepared.randomPin().orElseThrow()));

        assertThat(dropShip(Clock.systemUTC()).register(file).id()).isEqualTo("m-1");
        assertThat(keyward.registrations).hasSize(1);
        assertThat(keyward.registrations.get(0).path("@keyward.provisioning").toString()).as("kept in the file until now")
                .isEqualTo("{\"pinSet\":true,\"pinChangeForced\":false,\"minimumPinLength\":4,\"alwaysUv\":false}");
    }

    @Test
    void expiredPreparationIsRefusedWithoutAskingKeyward(@TempDir Path directory) throws Exception {
        bus.plugIn(KeyModel.KEYWARD_SIM_A);
        Path file = directory.resolve("jane.json");
        dropShip(Clock.systemUTC()).prepare(new UsbKeys().attached().get(0), JANE, EnrollmentProfile.DEFAULT,
                PinSource.fixed("x", "x"), 60, file);
        Clock muchLater = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);

        assertThatThrownBy(() -> dropShip(muchLater).register(file)).isInstanceOfSatisfying(EnrollmentFailure.class, failure -> {
            assertThat(failure.reasonCode()).isEqualTo("challengeExpired");
            assertThat(failure.getMessage()).contains("stays on the mailed key");
        });
        assertThat(keyward.registrations).isEmpty();
    }
}
