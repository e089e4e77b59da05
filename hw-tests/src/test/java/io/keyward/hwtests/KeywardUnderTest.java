package io.keyward.hwtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.StationConfig;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Keyward for the rig: {@code ./keyward start-dev} on a free port and a fresh data directory, started by the
 * first scenario that needs it and stopped when JUnit finishes. Its bootstrap client (every Graph permission) is
 * both the administrator of the scenarios and the station's app.
 */
final class KeywardUnderTest implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path data;
    private final Path log;
    private final JsonNode bootstrap;
    private final GraphAdmin admin;

    private KeywardUnderTest(Process process, int port, Path data, Path log, JsonNode bootstrap) {
        this.process = process;
        this.port = port;
        this.data = data;
        this.log = log;
        this.bootstrap = bootstrap;
        this.admin = new GraphAdmin(bootstrap);
    }

    static KeywardUnderTest of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KeywardUnderTest.class, key -> start(), KeywardUnderTest.class);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    GraphAdmin admin() {
        return admin;
    }

    /** The station's configuration: this Keyward, its bootstrap app, an operator. */
    StationConfig stationConfig(String operator) {
        return new StationConfig(URI.create(baseUrl()), bootstrap.path("tenantId").asText(), bootstrap.path("clientId").asText(),
                bootstrap.path("clientSecret").asText(), operator, Map.of("default", EnrollmentProfile.DEFAULT));
    }

    private static KeywardUnderTest start() {
        try {
            Path root = Path.of(System.getProperty("keyward.root", "..")).toAbsolutePath().normalize();
            Path logs = Path.of(System.getProperty("keyward.rig.logs", "target/rig-logs"));
            Files.createDirectories(logs);
            Path data = Files.createTempDirectory("keyward-rig-");
            Path log = logs.resolve("keyward.log");
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(root.resolve("keyward").toString(), "start-dev",
                    "--port", Integer.toString(port), "--data", data.toString())
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> (name.startsWith("KEYWARD_") && !name.equals("KEYWARD_JAVA_HOME"))
                    || name.equals("LD_PRELOAD") || name.equals("UMOCKDEV_DIR"));
            Process process = builder.start();
            Instant deadline = Instant.now().plus(STARTUP);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("./keyward start-dev exited with " + process.exitValue() + "; see " + log);
                }
                Path bootstrapFile = data.resolve("bootstrap.json");
                if (Files.exists(bootstrapFile) && answers(http, port)) {
                    return new KeywardUnderTest(process, port, data, log, JSON.readTree(bootstrapFile.toFile()));
                }
                Thread.sleep(500);
            }
            process.destroy();
            throw new IllegalStateException("Keyward was not ready within " + STARTUP.toSeconds() + " s; see " + log);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start Keyward for the rig: " + e.getMessage(), e);
        }
    }

    private static boolean answers(HttpClient http, int port) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graph/v1.0/organization"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A port whose companions (+363 HTTPS, +1910/+1913 management) are free too, as ./keyward uses them. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0)) {
                candidate = socket.getLocalPort();
            }
            if (candidate + 1913 <= 65535 && List.of(363, 1910, 1913).stream().allMatch(offset -> free(candidate + offset))) {
                return candidate;
            }
        }
        throw new IOException("no free port for Keyward");
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
