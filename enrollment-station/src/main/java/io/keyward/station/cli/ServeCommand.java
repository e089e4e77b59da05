package io.keyward.station.cli;

import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.web.OperatorPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Serves the operator page on 127.0.0.1 for a kiosk-mode browser until the station is stopped. */
@Command(name = "serve", description = "Serve the operator page on http://127.0.0.1:PORT/ for a kiosk-mode browser.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    StationCommand station;

    @Option(names = "--port", defaultValue = "8765", description = "port on 127.0.0.1 (default 8765)")
    int port;

    @Override
    public Integer call() throws Exception {
        StationSetup setup = StationSetup.open(station.config);
        try (OperatorPage page = new OperatorPage(setup.config(), setup.graph(),
                new Enrollment(setup.graph(), setup.config().operator(), Clock.systemUTC()), new UsbKeys(), port)) {
            System.out.println("Operator page: " + page.address() + " (this machine only). Stop with Ctrl-C.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }
}
