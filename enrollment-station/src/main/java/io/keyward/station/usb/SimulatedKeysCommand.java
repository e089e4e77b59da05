package io.keyward.station.usb;

import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code ./keyward simulated-keys [--model NAME | --aaguid X]... [--count N] [--pin P] -- COMMAND...}: runs COMMAND
 * with simulated keys visible to it as USB FIDO devices (docs/station.md).
 */
@Command(name = "simulated-keys", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs COMMAND with simulated security keys visible to it as USB FIDO devices (/dev/hidraw*).",
                "Built-in models: sim-a (CTAP 2.1), sim-b (CTAP 2.1, 3 slots), sim-legacy (CTAP 2.0)."},
        exitCodeOnInvalidInput = 2)
public final class SimulatedKeysCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "NAME", description = "key model (repeatable; default sim-a)")
    List<String> models = new ArrayList<>();

    @Option(names = "--aaguid", paramLabel = "AAGUID", description = "a CTAP 2.1 key model with this AAGUID (repeatable)")
    List<String> aaguids = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "keys of each model (default 1)")
    int count;

    @Option(names = "--pin", paramLabel = "PIN", description = "a PIN already set on every key")
    String pin;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "attestation root certificate (with --ca-key)")
    Path caCertificate;

    @Option(names = "--ca-key", paramLabel = "PEM", description = "attestation root private key (with --ca-cert)")
    Path caKey;

    @Option(names = "--export-ca", paramLabel = "FILE", description = "write the attestation root certificate (PEM) here")
    Path exportCa;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command to run, after --")
    List<String> command = new ArrayList<>();

    private final PrintStream err = System.err;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatedKeysCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<KeyModel> chosen = chosenModels();
        if (count < 1 || count > 16) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--count must be between 1 and 16");
        }
        AttestationAuthority authority = authority();
        if (exportCa != null) {
            Files.writeString(exportCa, authority.rootPem());
        }
        try (SimulatedUsbKeys keys = SimulatedUsbKeys.start(authority)) {
            for (KeyModel model : chosen) {
                for (int i = 0; i < count; i++) {
                    SimulatedUsbKey key = keys.plugIn(model);
                    if (pin != null) {
                        key.authenticator().presetPin(pin);
                    }
                    err.printf("simulated-keys: %s  %s  AAGUID %s  serial %s%s%n", key.devnode(), model.description(),
                            model.aaguid(), key.authenticator().serial(), pin != null ? "  (PIN set)" : "");
                }
            }
            ProcessBuilder child = new ProcessBuilder(command).inheritIO();
            child.environment().putAll(keys.childEnvironment());
            Process process = child.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return process.waitFor();
        }
    }

    private List<KeyModel> chosenModels() {
        List<KeyModel> chosen = new ArrayList<>();
        for (String name : models) {
            chosen.add(KeyModel.named(name).orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                    "unknown model '" + name + "'; built-in models: sim-a, sim-b, sim-legacy")));
        }
        for (String aaguid : aaguids) {
            try {
                chosen.add(KeyModel.withAaguid(UUID.fromString(aaguid)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--aaguid '" + aaguid + "' is not a GUID");
            }
        }
        return chosen.isEmpty() ? List.of(KeyModel.KEYWARD_SIM_A) : chosen;
    }

    private AttestationAuthority authority() throws IOException {
        if ((caCertificate == null) != (caKey == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--ca-cert and --ca-key go together");
        }
        return caCertificate != null ? AttestationAuthority.load(caCertificate, caKey)
                : AttestationAuthority.generate("Keyward Simulated Keys Root");
    }
}
