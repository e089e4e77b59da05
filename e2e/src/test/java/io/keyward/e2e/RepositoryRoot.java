package io.keyward.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout under test, from the system property {@code keyward.root} that the e2e POM sets. */
final class RepositoryRoot {

    static final String PROPERTY = "keyward.root";

    private RepositoryRoot() {
    }

    static Path path() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + PROPERTY
                    + " is not set; run through Maven (the e2e POM sets it to the repository root)");
        }
        try {
            Path root = Path.of(value).toRealPath();
            if (!Files.isExecutable(root.resolve("keyward"))) {
                throw new IllegalStateException(PROPERTY + "=" + root + " has no executable ./keyward script");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(PROPERTY + "=" + value + " does not exist", e);
        }
    }
}
