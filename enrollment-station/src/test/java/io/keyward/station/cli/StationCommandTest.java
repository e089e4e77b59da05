package io.keyward.station.cli;

import io.keyward.station.enrollment.FakeKeywardAccess;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The station's command line on a simulated USB key against the stand-in Keyward. */
class StationCommandTest {

    private static SimulatedUsbKeys bus;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeAll
    static void startBus() throws IOException {
        bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward CLI Test Root"));
        bus.exposeToThisProcess();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @AfterEach
    void restore() throws IOException {
        if (stdout != null) {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        for (SimulatedUsbKey key : bus.plugged()) {
            bus.pull(key);
        }
    }

    private int run(String... args) {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return StationCommand.commandLine().execute(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static Path configFile(Path directory, String url) throws IOException {
        Path file = directory.resolve("station.properties");
        Files.writeString(file, "keyward.url=" + url + "\ntenant=contoso\nclient.id=station-app\nclient.secret=secret\n"
                + "operator=Olga Operator\n");
        return file;
    }

    @Test
    void enrollWritesAReceiptAndSaysWhatWasRegistered(@TempDir Path directory) throws Exception {
        bus.plugIn(KeyModel.KEYWARD_SIM_A);
        try (FakeKeywardAccess keyward = new FakeKeywardAccess()) {
            Path config = configFile(directory, keyward.config().keywardUrl().toString());

            int exit = run("--config", config.toString(), "enroll", "ann@contoso.test", "--receipts", directory.resolve("r").toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Enrolled: passkey", "for ann@contoso.test", "page 2 is the PIN slip");
            try (var receipts = Files.list(directory.resolve("r"))) {
                assertThat(receipts).singleElement().asString().endsWith(".pdf");
            }
            assertThat(keyward.registrations()).isEqualTo(1);
        }
    }

    @Test
    void refusesToStartWhenKeywardIsUnreachable(@TempDir Path directory) throws Exception {
        Path config = configFile(directory, "http://127.0.0.1:9");

        int exit = run("--config", config.toString(), "check");

        assertThat(exit).isEqualTo(StationSetup.REFUSED_TO_START);
        assertThat(err.toString()).contains("does not answer", "Check keyward.url in " + config);
    }

    @Test
    void refusesToStartWithAnIncompleteConfiguration(@TempDir Path directory) throws Exception {
        Path config = directory.resolve("station.properties");
        Files.writeString(config, "keyward.url=http://127.0.0.1:9\n");

        int exit = run("--config", config.toString(), "check");

        assertThat(exit).isEqualTo(StationSetup.REFUSED_TO_START);
        assertThat(err.toString()).contains("tenant is missing");
    }
}
