package io.keyward.station.cli;

import io.keyward.station.batch.Batch;
import io.keyward.station.batch.KeySlot;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.PinMode;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.receipt.Receipt;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/** Enrolls keys for a CSV of UPNs or a security group, one key after the other, resumable through the result file. */
@Command(name = "batch", description = "Enroll keys for a list of employees (CSV of UPNs, or a security group).")
final class BatchCommand implements Callable<Integer> {

    @ParentCommand
    StationCommand station;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--csv", paramLabel = "FILE", description = "UPNs in the first column (a header line is skipped)")
        Path csv;

        @Option(names = "--group", paramLabel = "GROUP-ID", description = "the members of this security group")
        String group;
    }

    @Option(names = "--results", paramLabel = "FILE", required = true,
            description = "result file (CSV); run again with the same file to resume")
    Path results;

    @Option(names = "--profile", defaultValue = "default", description = "enrollment profile from the configuration file")
    String profileName;

    @Option(names = "--receipts", paramLabel = "DIR", defaultValue = "receipts", description = "directory for receipt PDFs")
    Path receipts;

    @Option(names = "--key-wait", paramLabel = "SECONDS", defaultValue = "300",
            description = "how long to wait for a key per employee (default 300)")
    int keyWaitSeconds;

    @Override
    public Integer call() throws Exception {
        StationSetup setup = StationSetup.open(station.config);
        EnrollmentProfile profile = setup.config().profile(profileName).orElseThrow(() -> new CommandLine.ParameterException(
                new CommandLine(this), "no profile '" + profileName + "' in " + station.config));
        if (profile.resetFirst()) {
            System.err.println("Profile " + profile.name() + " erases keys first; batches run only with profiles that do not reset.");
            return EnrollCommand.ENROLLMENT_FAILED;
        }
        Batch batch = new Batch(setup.graph(), new Enrollment(setup.graph(), setup.config().operator(), Clock.systemUTC()),
                KeySlot.usb(new UsbKeys()), System.out::println, Duration.ofSeconds(keyWaitSeconds), result -> {
                    Path pdf = receipts.resolve(result.employee().userPrincipalName().replaceAll("[^A-Za-z0-9._@-]", "_") + "-"
                            + result.passkey().id().replaceAll("[^A-Za-z0-9_-]", "") + ".pdf");
                    try {
                        new Receipt(result, ZoneId.systemDefault()).writePdf(pdf);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the receipt " + pdf, e);
                    }
                    System.out.println("    receipt: " + pdf);
                });
        List<String> upns = source.csv != null ? Batch.readUpns(source.csv) : batch.groupUpns(source.group);
        Batch.Summary summary = batch.run(upns, profile,
                new ConsolePins(System.out, profile.pinMode() == PinMode.EMPLOYEE ? "Employee" : "Operator"), results);
        System.out.println("Results: " + results);
        return summary.failed() == 0 ? 0 : EnrollCommand.ENROLLMENT_FAILED;
    }
}
