package io.keyward.station.usb;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The helper process that owns a umockdev testbed ({@code hidraw_bridge.py}, run by Debian's {@code /usr/bin/python3}
 * with the GObject bindings of libumockdev) and this side of its line protocol: adds and removes fake
 * {@code /dev/hidraw} nodes, receives the output reports clients write to them and hands back input reports.
 */
final class UmockdevBridge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UmockdevBridge.class.getName());
    static final String PYTHON = "/usr/bin/python3";
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final BufferedWriter commands;
    private final Path rootDir;
    private final Path script;
    private final Map<Integer, Consumer<byte[]>> outputReports = new ConcurrentHashMap<>();
    private final BlockingQueue<String> acknowledgements = new LinkedBlockingQueue<>();

    private UmockdevBridge(Process process, Path script) throws IOException {
        this.process = process;
        this.script = script;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        BlockingQueue<String> ready = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readReplies(process.getInputStream(), ready), "umockdev-bridge");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(() -> logErrors(process.getErrorStream()), "umockdev-bridge-stderr");
        errors.setDaemon(true);
        errors.start();
        try {
            String first = ready.poll(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                process.destroyForcibly();
                throw new IOException("the umockdev bridge did not start within " + STARTUP.toSeconds() + " s"
                        + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")")
                        + "; are umockdev, gir1.2-umockdev-1.0 and python3-gi installed?");
            }
            this.rootDir = Path.of(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while starting the umockdev bridge", e);
        }
    }

    /** Starts the helper; fails with what to install when Python or umockdev's bindings are missing. */
    static UmockdevBridge start() throws IOException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IOException("simulated USB keys need Debian's " + PYTHON + " with python3-gi, gir1.2-umockdev-1.0"
                    + " and umockdev (./keyward test installs them)");
        }
        Path script = Files.createTempFile("keyward-hidraw-bridge", ".py");
        try (InputStream source = UmockdevBridge.class.getResourceAsStream("hidraw_bridge.py")) {
            Files.write(script, source.readAllBytes());
        }
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-u", script.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE);
        // The bridge serves the testbed; it must not itself run under the preload of a JVM that does.
        builder.environment().remove("LD_PRELOAD");
        builder.environment().remove("UMOCKDEV_DIR");
        Process process = builder.start();
        return new UmockdevBridge(process, script);
    }

    /** The testbed directory: UMOCKDEV_DIR for the clients. */
    Path rootDir() {
        return rootDir;
    }

    /** Adds a fake hidraw node; output reports written to it go to {@code onOutputReport}. Returns its /dev path. */
    String add(int index, int vendorId, int productId, String serial, String product, Consumer<byte[]> onOutputReport)
            throws IOException {
        if (!serial.matches("[A-Za-z0-9._-]+") || product.contains("\n")) {
            throw new IllegalArgumentException("serial must be one word of letters and digits; product one line");
        }
        outputReports.put(index, onOutputReport);
        send(String.format("add %d %04x %04x %s %s", index, vendorId, productId, serial, product));
        return awaitAcknowledgement("added " + index + " ").substring(("added " + index + " ").length());
    }

    /** Pulls the key: its node disappears, reads and writes on open handles fail with ENODEV. */
    void remove(int index) throws IOException {
        send("remove " + index);
        awaitAcknowledgement("removed " + index);
        outputReports.remove(index);
    }

    /** One input report for the client reading node {@code index}. */
    void inputReport(int index, byte[] report) {
        try {
            send("report " + index + " " + HexFormat.of().formatHex(report));
        } catch (IOException e) {
            throw new UncheckedIOException("the umockdev bridge is gone", e);
        }
    }

    private synchronized void send(String line) throws IOException {
        commands.write(line);
        commands.write('\n');
        commands.flush();
    }

    private String awaitAcknowledgement(String prefix) throws IOException {
        try {
            String reply = acknowledgements.poll(10, TimeUnit.SECONDS);
            if (reply == null || !reply.startsWith(prefix)) {
                throw new IOException("the umockdev bridge answered '" + reply + "', expected '" + prefix.trim() + "'");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void readReplies(InputStream in, BlockingQueue<String> ready) {
        try (BufferedReader replies = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                List<String> words = List.of(line.split(" ", 3));
                switch (words.get(0)) {
                    case "write" -> {
                        Consumer<byte[]> consumer = outputReports.get(Integer.parseInt(words.get(1)));
                        if (consumer != null) {
                            consumer.accept(HexFormat.of().parseHex(words.get(2)));
                        }
                    }
                    case "ready" -> ready.add(line.substring("ready ".length()));
                    case "added", "removed" -> acknowledgements.add(line);
                    default -> {
                        String message = line;
                        LOG.warning(() -> "umockdev bridge: " + message);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "umockdev bridge reader stopped: " + e);
        }
    }

    private static void logErrors(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String message = line;
                LOG.warning(() -> "umockdev bridge: " + message);
            }
        } catch (IOException e) {
            LOG.fine(() -> "umockdev bridge stderr closed: " + e);
        }
    }

    @Override
    public void close() {
        try {
            commands.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException e) {
                LOG.fine(() -> "cannot delete " + script + ": " + e);
            }
        }
    }
}
