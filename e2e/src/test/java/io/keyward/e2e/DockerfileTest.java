package io.keyward.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code Dockerfile} that compose.yaml builds Keyward's image from, and its {@code .dockerignore}. */
class DockerfileTest {

    private static List<String> instructions;
    private static List<String> dockerignore;

    @BeforeAll
    static void read() throws IOException {
        // Joins continuation lines so that each element is one instruction.
        String text = Files.readString(RepositoryRoot.path().resolve("Dockerfile")).replace("\\\n", " ");
        instructions = text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        dockerignore = Files.readAllLines(RepositoryRoot.path().resolve(".dockerignore"));
    }

    @Test
    void runsOnATemurinJavaRuntime() {
        assertThat(instructions.get(0)).matches("FROM eclipse-temurin:(21|25)-jre");
    }

    @Test
    void copiesTheProvisionedWildFlyAndBothWarsIntoItsDeploymentsDirectory() {
        assertThat(copies()).contains(
                "server/target/wildfly /opt/keyward/wildfly",
                "server/target/keyward-server.war admin-ui/target/keyward-admin.war /opt/keyward/wildfly/standalone/deployments/");
    }

    @Test
    void startsWildFlyOnAllInterfacesInProductionModeWithPostgres() {
        assertThat(instructions).filteredOn(line -> line.startsWith("CMD "))
                .singleElement()
                .isEqualTo("CMD [\"/opt/keyward/wildfly/bin/standalone.sh\", \"-b\", \"0.0.0.0\", "
                        + "\"-Dkeyward.mode=prod\", \"-Dkeyward.db.driver=postgresql\"]");
    }

    @Test
    void buildContextAdmitsEveryCopiedFileAndNothingElse() {
        List<String> sources = copies().stream()
                .flatMap(copy -> {
                    String[] words = copy.split(" ");
                    return Arrays.stream(words, 0, words.length - 1);
                })
                .toList();

        assertThat(dockerignore).contains("*");
        assertThat(sources).allSatisfy(source -> assertThat(dockerignore).contains("!" + source));
    }

    /** The arguments of each COPY, without flags such as --chown. */
    private static List<String> copies() {
        return instructions.stream()
                .filter(line -> line.startsWith("COPY "))
                .map(line -> Arrays.stream(line.substring(5).trim().split("\\s+"))
                        .filter(word -> !word.startsWith("--"))
                        .reduce((a, b) -> a + " " + b).orElse(""))
                .toList();
    }
}
