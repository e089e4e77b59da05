package io.keyward.station.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Checks the configuration and that Keyward accepts the station's app with the permissions it needs. */
@Command(name = "check", description = "Check the configuration and the connection to Keyward.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    StationCommand station;

    @Override
    public Integer call() throws Exception {
        StationSetup setup = StationSetup.open(station.config);
        System.out.println("Keyward at " + setup.config().keywardUrl() + " accepts this station (operator "
                + setup.config().operator() + "; profiles: " + String.join(", ", setup.config().profiles().keySet()) + ").");
        return 0;
    }
}
