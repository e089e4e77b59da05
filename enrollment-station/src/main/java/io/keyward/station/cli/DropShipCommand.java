package io.keyward.station.cli;

import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.PinMode;
import io.keyward.station.dropship.DropShip;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.enrollment.EnrollmentResult;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.RegisteredPasskey;
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

/** Drop-ship: prepare a key to be mailed, register it later. */
@Command(name = "drop-ship", description = "Prepare keys to mail to remote staff now, register them later.")
final class DropShipCommand {

    @ParentCommand
    StationCommand station;

    @Command(name = "prepare", description = "Make the passkey on the attached key now and save Keyward's part to a file.")
    int prepare(@Parameters(paramLabel = "USER") String user,
                @Option(names = "--out", required = true, paramLabel = "FILE") Path file,
                @Option(names = "--days", defaultValue = "30", description = "days until the registration expires (max 30)") int days,
                @Option(names = "--profile", defaultValue = "default") String profileName,
                @Option(names = "--receipts", defaultValue = "receipts", paramLabel = "DIR") Path receipts) throws Exception {
        StationSetup setup = StationSetup.open(station.config);
        EnrollmentProfile profile = setup.config().profile(profileName).orElseThrow(() ->
                new CommandLine.ParameterException(new CommandLine(this), "no profile '" + profileName + "'"));
        Employee employee = setup.graph().user(user);
        List<UsbKey> keys = new UsbKeys().attached();
        if (keys.size() != 1) {
            System.err.println(keys.isEmpty() ? "No security key is attached." : "Attach only the key to prepare.");
            return EnrollCommand.ENROLLMENT_FAILED;
        }
        try {
            Clock clock = Clock.systemUTC();
            EnrollmentResult result = new DropShip(setup.graph(), new Enrollment(setup.graph(), setup.config().operator(), clock), clock)
                    .prepare(keys.get(0), employee, profile, new ConsolePins(System.out,
                            profile.pinMode() == PinMode.EMPLOYEE ? "Employee" : "Operator"), Math.min(days, 30) * 24 * 60, file);
            Path pdf = receipts.resolve(employee.userPrincipalName().replaceAll("[^A-Za-z0-9._@-]", "_") + "-drop-ship.pdf");
            new Receipt(result, ZoneId.systemDefault()).writePdf(pdf);
            System.out.println("Prepared for " + employee.displayName() + ": " + file + " (register it within " + Math.min(days, 30)
                    + " days with 'drop-ship register'). Receipt: " + pdf);
            return 0;
        } catch (EnrollmentFailure failure) {
            System.err.println("Not prepared [" + failure.reasonCode() + "]: " + failure.getMessage());
            return EnrollCommand.ENROLLMENT_FAILED;
        }
    }

    @Command(name = "register", description = "Register a prepared key with Keyward.")
    int register(@Parameters(paramLabel = "FILE") Path file) throws Exception {
        StationSetup setup = StationSetup.open(station.config);
        Clock clock = Clock.systemUTC();
        try {
            RegisteredPasskey passkey = new DropShip(setup.graph(), new Enrollment(setup.graph(), setup.config().operator(), clock), clock)
                    .register(file);
            System.out.println("Registered: passkey \"" + passkey.displayName() + "\" (" + passkey.model() + ").");
            return 0;
        } catch (EnrollmentFailure failure) {
            System.err.println("Not registered [" + failure.reasonCode() + "]: " + failure.getMessage());
            return EnrollCommand.ENROLLMENT_FAILED;
        }
    }
}
