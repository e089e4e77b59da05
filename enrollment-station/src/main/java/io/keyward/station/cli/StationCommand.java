package io.keyward.station.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code ./keyward station COMMAND}: the enrollment station's command line (docs/station.md). */
@Command(name = "station", mixinStandardHelpOptions = true,
        description = "Keyward enrollment station: enroll USB security keys for employees.",
        subcommands = {CheckCommand.class, KeysCommand.class, FindCommand.class, EnrollCommand.class, BatchCommand.class,
                KeyCommand.class, DropShipCommand.class, ServeCommand.class})
public final class StationCommand {

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:KEYWARD_STATION_CONFIG:-station.properties}",
            description = "station configuration file (default: $KEYWARD_STATION_CONFIG or ./station.properties)")
    Path config;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new StationCommand()).setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("keyward station: " + e.getMessage());
            return e instanceof StationSetup.StartRefused ? StationSetup.REFUSED_TO_START : 1;
        });
    }
}
