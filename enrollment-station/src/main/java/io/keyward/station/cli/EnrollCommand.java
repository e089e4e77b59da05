package io.keyward.station.cli;

import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.PinMode;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.enrollment.EnrollmentResult;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.GraphRefusal;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.receipt.Receipt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/** Enrolls the one attached key (or the one named) for an employee, and writes the receipt. */
@Command(name = "enroll", description = "Enroll the attached security key for an employee.")
final class EnrollCommand implements Callable<Integer> {

    /** Exit code of an enrollment that stopped; the message and reason code say why. */
    static final int ENROLLMENT_FAILED = 4;

    @ParentCommand
    StationCommand station;

    @Parameters(paramLabel = "USER", description = "the employee's user principal name or object id")
    String user;

    @Option(names = "--profile", defaultValue = "default", description = "enrollment profile from the configuration file")
    String profileName;

    @Option(names = "--key", paramLabel = "PATH", description = "the key's device path when several are attached")
    String keyPath;

    @Option(names = "--receipts", paramLabel = "DIR", defaultValue = "receipts",
            description = "directory for the receipt PDF (default ./receipts)")
    Path receipts;

    @Option(names = "--reset-confirmed", description = "confirms the factory reset of a profile with resetFirst")
    boolean resetConfirmed;

    @Override
    public Integer call() throws Exception {
        StationSetup setup = StationSetup.open(station.config);
        EnrollmentProfile profile = setup.config().profile(profileName).orElseThrow(() -> new CommandLine.ParameterException(
                new CommandLine(this), "no profile '" + profileName + "' in " + station.config
                + "; profiles: " + String.join(", ", setup.config().profiles().keySet())));
        if (profile.resetFirst() && !resetConfirmed) {
            System.err.println("Profile " + profile.name() + " erases the key first (factory reset). Add --reset-confirmed to go on.");
            return ENROLLMENT_FAILED;
        }
        Employee employee;
        try {
            employee = setup.graph().user(user);
        } catch (GraphRefusal refusal) {
            System.err.println("keyward station: " + (refusal.status() == 404 ? "no user " + user + " in Keyward" : refusal.getMessage()));
            return ENROLLMENT_FAILED;
        }
        UsbKey key = chooseKey();
        System.out.println("Enrolling " + key + " for " + employee.displayName() + " (" + employee.userPrincipalName()
                + "). Touch the key when it blinks.");
        try {
            Enrollment enrollment = new Enrollment(setup.graph(), setup.config().operator(), Clock.systemUTC());
            EnrollmentResult result = enrollment.enroll(key, employee, profile,
                    new ConsolePins(System.out, profile.pinMode() == PinMode.EMPLOYEE ? "Employee" : "Operator"));
            Path pdf = receipts.resolve(employee.userPrincipalName().replaceAll("[^A-Za-z0-9._@-]", "_") + "-"
                    + result.passkey().id().replaceAll("[^A-Za-z0-9_-]", "") + ".pdf");
            new Receipt(result, ZoneId.systemDefault()).writePdf(pdf);
            System.out.println("Enrolled: passkey \"" + result.passkey().displayName() + "\" (" + result.modelName()
                    + ", AAGUID " + result.key().aaguid() + ") for " + employee.userPrincipalName() + ".");
            result.notices().forEach(notice -> System.out.println("Notice: " + notice));
            System.out.println("Receipt: " + pdf + (result.randomPin().isPresent() ? " (page 2 is the PIN slip: hand it over separately)" : ""));
            return 0;
        } catch (EnrollmentFailure failure) {
            System.err.println("Not enrolled [" + failure.reasonCode() + "]: " + failure.getMessage());
            return ENROLLMENT_FAILED;
        }
    }

    private UsbKey chooseKey() {
        List<UsbKey> keys = new UsbKeys().attached();
        if (keyPath != null) {
            return keys.stream().filter(key -> key.path().equals(keyPath)).findFirst().orElseThrow(() ->
                    new CommandLine.ParameterException(new CommandLine(this), "no security key at " + keyPath));
        }
        if (keys.size() != 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), keys.isEmpty()
                    ? "no security key is attached: insert one" : keys.size() + " keys are attached: name one with --key (see 'keys')");
        }
        return keys.get(0);
    }
}
