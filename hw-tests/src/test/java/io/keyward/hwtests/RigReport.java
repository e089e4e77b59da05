package io.keyward.hwtests;

import io.keyward.station.enrollment.KeyFacts;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The run's report, {@code target/rig-report.md}: each key (model, AAGUID, firmware, CTAP versions) and each
 * scenario × key with its result and time. Written when JUnit finishes, also when scenarios fail.
 */
final class RigReport implements BeforeTestExecutionCallback, AfterTestExecutionCallback, TestWatcher {

    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();
    private static final List<String> ROWS = new CopyOnWriteArrayList<>();
    private static final Map<String, Long> STARTED = new ConcurrentHashMap<>();
    private static final Map<String, Long> MILLIS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> NOTES = new ConcurrentHashMap<>();
    private static final ThreadLocal<String> RUNNING = new ThreadLocal<>();

    /** Adds what the running scenario saw (e.g. the station's messages) to its row's detail. */
    static void note(String text) {
        String id = RUNNING.get();
        if (id != null) {
            NOTES.computeIfAbsent(id, any -> new CopyOnWriteArrayList<>()).add(text.replace('\n', ' ').replace("|", "/"));
        }
    }

    static void describe(KeyUnderTest key, String product, KeyFacts facts) {
        KEYS.put(key.label(), "| " + key.label() + " | " + product + " | " + facts.aaguid() + " | " + facts.firmware() + " | "
                + String.join(", ", facts.versions()) + " |");
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        STARTED.put(context.getUniqueId(), System.nanoTime());
        RUNNING.set(context.getUniqueId());
        registerWriter(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        RUNNING.remove();
        Long started = STARTED.remove(context.getUniqueId());
        if (started != null) {
            MILLIS.put(context.getUniqueId(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        row(context, "passed", "");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        row(context, "**FAILED**", String.valueOf(cause.getMessage()).replace('\n', ' ').replace("|", "/"));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        row(context, "skipped", String.valueOf(cause.getMessage()).replace('\n', ' ').replace("|", "/"));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        row(context, "disabled", reason.orElse(""));
    }

    private static void row(ExtensionContext context, String result, String detail) {
        String scenario = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse(context.getDisplayName());
        String key = context.getDisplayName().replaceFirst("^\\[\\d+\\] ", "");
        Long millis = MILLIS.get(context.getUniqueId());
        List<String> notes = NOTES.getOrDefault(context.getUniqueId(), List.of());
        detail = notes.isEmpty() ? detail : String.join("; ", notes) + (detail.isEmpty() ? "" : "; " + detail);
        ROWS.add("| " + scenario + " | " + (key.equals(scenario + "()") ? "–" : key) + " | " + result + " | "
                + (millis == null ? "" : millis + " ms") + " | " + detail + " |");
    }

    private static void registerWriter(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(RigReport.class,
                key -> (ExtensionContext.Store.CloseableResource) RigReport::write, ExtensionContext.Store.CloseableResource.class);
    }

    private static void write() {
        StringBuilder out = new StringBuilder("# Keyward rig report\n\n").append("Run finished ").append(Instant.now()).append(".\n\n")
                .append("## Keys\n\n| key | product | AAGUID | firmware | CTAP |\n|---|---|---|---|---|\n");
        KEYS.values().stream().sorted().forEach(line -> out.append(line).append('\n'));
        out.append("\n## Scenarios\n\n| scenario | key | result | time | detail |\n|---|---|---|---|---|\n");
        ROWS.forEach(line -> out.append(line).append('\n'));
        Path file = Path.of(System.getProperty("keyward.rig.report", "target/rig-report.md"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
