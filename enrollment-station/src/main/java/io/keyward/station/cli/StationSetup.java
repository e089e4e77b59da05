package io.keyward.station.cli;

import io.keyward.station.config.InvalidStationConfigException;
import io.keyward.station.config.StationConfig;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.KeywardUnavailableException;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.graph.StationNotPermittedException;

import java.nio.file.Path;

/** Configuration loaded and Keyward checked: what every station command that talks to Keyward starts from. */
record StationSetup(StationConfig config, StationGraph graph) {

    /** Exit code when the station refuses to start (configuration, Keyward unreachable, missing permission). */
    static final int REFUSED_TO_START = 3;

    static StationSetup open(Path configFile) throws StartRefused {
        try {
            StationConfig config = StationConfig.load(configFile);
            KeywardClient client = new KeywardClient(config);
            client.checkReady();
            return new StationSetup(config, new StationGraph(client));
        } catch (InvalidStationConfigException | StationNotPermittedException e) {
            throw new StartRefused(e.getMessage());
        } catch (KeywardUnavailableException e) {
            throw new StartRefused(e.getMessage() + ". Check keyward.url in " + configFile + " and that Keyward is running.");
        }
    }

    /** The station does not start; the message says why in plain words. */
    static final class StartRefused extends Exception {
        StartRefused(String message) {
            super(message);
        }
    }
}
