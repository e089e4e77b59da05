package io.keyward.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code ./keyward start-dev} running as a child process, its output in a log file. {@link #close()} stops the
 * whole process tree: the script, {@code standalone.sh} and WildFly's JVM.
 */
final class KeywardProcess implements AutoCloseable {

    /** WildFly's "started" (WFLYSRV0025) or "started with errors" (WFLYSRV0026): every boot deployment is done. */
    private static final List<String> BOOT_FINISHED = List.of("WFLYSRV0025", "WFLYSRV0026");
    private static final String SERVER_DEPLOYED = "WFLYSRV0010: Deployed \"keyward-server.war\"";
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final int port;
    private final Path log;

    private KeywardProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static KeywardProcess startDev(Path root, int port, Path dataDirectory, Path log) throws IOException {
        return start(root, "start-dev", port, dataDirectory, log, Map.of());
    }

    /** {@code ./keyward start-dev} with settings ({@code KEYWARD_*}) of its own. */
    static KeywardProcess startDev(Path root, int port, Path dataDirectory, Path log, Map<String, String> settings) throws IOException {
        return start(root, "start-dev", port, dataDirectory, log, settings);
    }

    /** {@code ./keyward start} (production mode) with the given {@code KEYWARD_DB_*} environment. */
    static KeywardProcess startProduction(Path root, int port, Path dataDirectory, Path log, Map<String, String> database)
            throws IOException {
        return start(root, "start", port, dataDirectory, log, database);
    }

    private static KeywardProcess start(Path root, String command, int port, Path dataDirectory, Path log,
                                        Map<String, String> extraEnvironment) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(root.resolve("keyward").toString(), command,
                "--port", Integer.toString(port), "--data", dataDirectory.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The test decides port, data directory and mode; settings of the calling shell must not leak in.
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("KEYWARD_") && !name.equals("KEYWARD_JAVA_HOME"));
        environment.putAll(extraEnvironment);
        return new KeywardProcess(builder.start(), port, log);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until WildFly has deployed the server WAR and finished booting, the Graph API answers HTTP and
     * {@code alsoReady} holds.
     *
     * @throws IllegalStateException with the end of the log if the process exits or the timeout passes first
     */
    void awaitReady(Duration timeout, BooleanSupplier alsoReady) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("./keyward exited with " + process.exitValue()
                        + " before Keyward was ready; log " + log + ":\n" + tail());
            }
            String output = log();
            if (output.contains(SERVER_DEPLOYED) && BOOT_FINISHED.stream().anyMatch(output::contains)
                    && answers(http) && alsoReady.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keyward was not ready on " + baseUrl() + " within " + timeout.toSeconds()
                + " s; log " + log + ":\n" + tail());
    }

    private boolean answers(HttpClient http) throws InterruptedException {
        try {
            http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/graph/v1.0/organization"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Waits for the script to exit by itself and returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("./keyward did not exit within " + timeout.toSeconds() + " s; log " + log + ":\n" + tail());
        }
        return process.exitValue();
    }

    private String tail() {
        String[] lines = log().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }

    /**
     * Stops the process tree: SIGTERM to WildFly's JVM and the scripts (WildFly shuts down cleanly and closes the
     * H2 database), then SIGKILL to whatever is still running after {@value #STOP_TIMEOUT_SECONDS} s.
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, Duration.ofSeconds(STOP_TIMEOUT_SECONDS))) {
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(tree, Duration.ofSeconds(10))) {
                throw new IllegalStateException("processes of ./keyward start-dev survived SIGKILL: "
                        + tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
            }
        }
    }

    /** Kills the process tree at once (SIGKILL), as a crashed node or a pulled power cord would end it. */
    void kill() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(tree, Duration.ofSeconds(10))) {
            throw new IllegalStateException("processes of ./keyward survived SIGKILL: "
                    + tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for ./keyward start-dev to exit failed", e.getCause());
        }
    }
}
