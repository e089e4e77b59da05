package io.keyward.server.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The ITs' server log ({@code standalone/log/server.log} of the provisioned WildFly) from a mark on: what a test's
 * requests made the server write, e.g. that a refusal reached the log with its reason code, status and words.
 */
final class ServerLog {

    private static final Path FILE = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");

    private final long start;

    private ServerLog(long start) {
        this.start = start;
    }

    /** The log from now on. */
    static ServerLog mark() {
        return new ServerLog(FILE.toFile().length());
    }

    /** The lines written since the mark (the log is flushed per line). */
    List<String> lines() {
        try (RandomAccessFile log = new RandomAccessFile(FILE.toFile(), "r")) {
            long length = log.length();
            byte[] written = new byte[(int) Math.max(0, length - start)];
            log.seek(Math.min(start, length));
            log.readFully(written);
            return new String(written, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError("Cannot read the server log " + FILE, e);
        }
    }
}
