package io.keyward.station.cli;

import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.maintenance.KeyMaintenance;
import io.keyward.station.maintenance.StoredPasskey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Key maintenance without Keyward: list, delete, rewrite the stored user, reset. */
@Command(name = "key", description = "Maintain the attached key: list or delete its passkeys, rewrite a stored user, reset.")
final class KeyCommand {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
            description = "the key's device path when several are attached")
    String keyPath;

    private final KeyMaintenance maintenance = new KeyMaintenance();

    @Command(name = "list", description = "List the passkeys on the key (asks for its PIN).")
    int list() {
        return run(() -> {
            List<StoredPasskey> passkeys = maintenance.list(key(), pin());
            if (passkeys.isEmpty()) {
                System.out.println("The key holds no passkey.");
            }
            passkeys.forEach(passkey -> System.out.println(passkey.credentialId() + "  " + passkey.rpId() + "  "
                    + passkey.userName() + " (" + passkey.userDisplayName() + ")"));
        });
    }

    @Command(name = "delete", description = "Delete one passkey from the key (not from Keyward).")
    int delete(@Parameters(paramLabel = "CREDENTIAL-ID") String credentialId) {
        return run(() -> {
            maintenance.delete(key(), pin(), credentialId);
            System.out.println("Deleted from the key. Keyward still lists it until it is deleted there too.");
        });
    }

    @Command(name = "rewrite-user", description = "Rewrite the user name and display name stored with a passkey (after a UPN change).")
    int rewriteUser(@Parameters(paramLabel = "CREDENTIAL-ID") String credentialId,
                    @Option(names = "--name", required = true, paramLabel = "UPN") String name,
                    @Option(names = "--display-name", required = true, paramLabel = "NAME") String displayName) {
        return run(() -> {
            maintenance.rewriteUser(key(), pin(), credentialId, name, displayName);
            System.out.println("The key now shows " + name + " (" + displayName + ") for this passkey.");
        });
    }

    @Command(name = "reset", description = "Factory-reset the key: erases every passkey and the PIN.")
    int reset(@Option(names = "--confirm", description = "confirms that everything on the key is erased") boolean confirm) {
        if (!confirm) {
            System.err.println("A reset erases every passkey on the key and its PIN. Add --confirm to go on.");
            return EnrollCommand.ENROLLMENT_FAILED;
        }
        return run(() -> {
            System.out.println("Touch the key when it blinks.");
            maintenance.reset(key());
            System.out.println("The key was reset: no passkeys, no PIN.");
        });
    }

    private interface Step {
        void run() throws EnrollmentFailure;
    }

    private int run(Step step) {
        try {
            step.run();
            return 0;
        } catch (EnrollmentFailure failure) {
            System.err.println("Not done [" + failure.reasonCode() + "]: " + failure.getMessage());
            return EnrollCommand.ENROLLMENT_FAILED;
        }
    }

    private UsbKey key() {
        List<UsbKey> keys = new UsbKeys().attached();
        if (keyPath != null) {
            return keys.stream().filter(key -> key.path().equals(keyPath)).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "no security key at " + keyPath));
        }
        if (keys.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), keys.isEmpty() ? "no security key is attached"
                    : keys.size() + " keys are attached: name one with --key");
        }
        return keys.get(0);
    }

    private static char[] pin() {
        if (System.console() != null) {
            return System.console().readPassword("The key's PIN: ");
        }
        System.out.print("The key's PIN: ");
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (IOException e) {
            return new char[0];
        }
    }
}
