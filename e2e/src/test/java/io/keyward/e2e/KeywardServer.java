package io.keyward.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Keyward for the whole browser suite: {@code ./keyward start-dev} on a free port and a fresh data directory,
 * started by the first test class that needs it and stopped (its data directory deleted) when JUnit finishes.
 *
 * <p>To iterate on the tests against a server that is already running, set {@code keyward.e2e.baseUrl} and
 * {@code keyward.e2e.dataDir} (the directory holding its {@code bootstrap.json}); nothing is started or stopped then.
 */
final class KeywardServer implements AutoCloseable {

    /** 180 s by default; {@code keyward.e2e.startupSeconds} gives a loaded machine more. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("keyward.e2e.startupSeconds", 180));

    /**
     * The suite's server is branded (keyward.branding.*), as an organization would: a name, a logo, a header color, and
     * a primary color too light for white text, which Keyward must darken to stay readable.
     */
    static final String BRAND_NAME = "Fabrikam Pharma";
    static final String BRAND_PRIMARY_COLOR = "#ffb900";
    static final String BRAND_HEADER_COLOR = "#243a5e";
    static final String BRAND_LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\" width=\"32\" height=\"32\">"
            + "<rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#ffb900\"/><path d=\"M9 8h14v4H14v4h8v4h-8v6H9z\" fill=\"#243a5e\"/></svg>";

    private final String baseUrl;
    private final Bootstrap bootstrap;
    private final KeywardProcess process;
    private final Path dataDirectory;

    private KeywardServer(String baseUrl, Bootstrap bootstrap, KeywardProcess process, Path dataDirectory) {
        this.baseUrl = baseUrl;
        this.bootstrap = bootstrap;
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Whether this suite started the server, with the branding above (not one passed in with keyward.e2e.baseUrl). */
    boolean branded() {
        return process != null;
    }

    Bootstrap bootstrap() {
        return bootstrap;
    }

    private static KeywardServer start() {
        try {
            String external = System.getProperty("keyward.e2e.baseUrl", "");
            if (!external.isBlank()) {
                return new KeywardServer(external.replaceAll("/$", ""),
                        Bootstrap.read(Path.of(System.getProperty("keyward.e2e.dataDir"))), null, null);
            }
            Path root = RepositoryRoot.path();
            Path logs = BrowserSession.logDirectory();
            Path data = Files.createTempDirectory("keyward-browser-");
            Path logo = Files.writeString(data.resolve("brand-logo.svg"), BRAND_LOGO);
            KeywardProcess process = KeywardProcess.startDev(root, FreePort.forKeyward(), data, logs.resolve("browser-suite-server.log"),
                    java.util.Map.of("KEYWARD_BRANDING_NAME", BRAND_NAME, "KEYWARD_BRANDING_PRIMARY_COLOR", BRAND_PRIMARY_COLOR,
                            "KEYWARD_BRANDING_HEADER_COLOR", BRAND_HEADER_COLOR, "KEYWARD_BRANDING_LOGO", logo.toString()));
            try {
                process.awaitReady(STARTUP_TIMEOUT, () -> Files.exists(data.resolve(Bootstrap.FILE_NAME)));
            } catch (RuntimeException | InterruptedException e) {
                process.close();
                throw e;
            }
            return new KeywardServer(process.baseUrl(), Bootstrap.read(data), process, data);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start Keyward for the browser suite: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        if (process == null) {
            return;
        }
        try {
            process.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dataDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /**
     * Starts the shared server before the first class that uses it; JUnit closes it (an {@link AutoCloseable} in
     * the root store) after the last. Test methods and lifecycle methods get it as a parameter.
     */
    static final class Extension implements BeforeAllCallback, ParameterResolver {

        static KeywardServer of(ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(KeywardServer.class, key -> start(), KeywardServer.class);
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            of(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == KeywardServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return of(context);
        }
    }
}
