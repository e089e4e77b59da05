package io.keyward.server.audit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logs observe the domains, never the other way round: audited changes ({@code platform.AuditRecord}), sign-in
 * attempts and registration refusals are CDI events, so no domain package imports {@code audit} and the old cycle
 * through it cannot come back. Only the edges ({@code graph}, {@code web}) read the logs.
 */
class DomainsRaiseEventsForTheLogsTest {

    private static final Path SOURCES = Path.of("src/main/java/io/keyward/server");
    private static final List<String> DOMAINS = List.of("access", "bootstrap", "directory", "metadata", "passkey", "platform",
            "policy", "token", "webauthn");

    @Test
    void noDomainPackageImportsTheAuditPackage() throws IOException {
        TreeSet<String> offenders = new TreeSet<>();
        for (String domain : DOMAINS) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(domain))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    if (source.contains("import io.keyward.server.audit.") || source.contains("io.keyward.server.audit.DirectoryAuditLog")) {
                        offenders.add(SOURCES.relativize(file).toString());
                    }
                }
            }
        }

        assertThat(Files.isDirectory(SOURCES.resolve("passkey"))).as("the test reads the server's sources").isTrue();
        assertThat(offenders).as("domain classes that call the audit package instead of raising an event").isEmpty();
    }
}
