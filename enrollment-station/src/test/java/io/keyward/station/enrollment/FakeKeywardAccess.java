package io.keyward.station.enrollment;

import io.keyward.station.config.StationConfig;

import java.io.IOException;

/** The stand-in Keyward for tests in other packages. */
public final class FakeKeywardAccess implements AutoCloseable {

    private final FakeKeyward keyward = new FakeKeyward();

    public FakeKeywardAccess() throws IOException {
    }

    public StationConfig config() {
        return keyward.config();
    }

    public int registrations() {
        return keyward.registrations.size();
    }

    @Override
    public void close() {
        keyward.close();
    }
}
