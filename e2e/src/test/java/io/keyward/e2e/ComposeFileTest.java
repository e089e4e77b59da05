package io.keyward.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code compose.yaml} at the repository root: PostgreSQL 16 and Keyward in production mode. */
class ComposeFileTest {

    private static Map<String, Object> compose;

    @BeforeAll
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(RepositoryRoot.path().resolve("compose.yaml"))) {
            compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }

    @Test
    void definesPostgresAndKeywardServices() {
        assertThat(services()).containsKeys("postgres", "keyward");
    }

    @Test
    void postgresIsVersion16WithAHealthcheckAndItsDataOnANamedVolume() {
        Map<String, Object> postgres = service("postgres");

        assertThat((String) postgres.get("image")).matches("postgres:16([.-].*)?");
        assertThat(map(postgres.get("healthcheck"))).containsKey("test");
        assertThat(namedVolumes(postgres)).isNotEmpty();
    }

    @Test
    void keywardStartsOnlyOncePostgresIsHealthy() {
        Map<String, Object> dependsOn = map(service("keyward").get("depends_on"));

        assertThat(map(dependsOn.get("postgres"))).containsEntry("condition", "service_healthy");
    }

    @Test
    void keywardHasAHealthcheckThatAsksWildFlysReadinessEndpoint() {
        Map<String, Object> healthcheck = map(service("keyward").get("healthcheck"));

        assertThat(String.valueOf(healthcheck.get("test"))).contains("127.0.0.1/9990").contains("GET /health/ready ").contains("' 200 '");
    }

    @Test
    void keywardPublishesPort8080() {
        List<Object> ports = list(service("keyward").get("ports"));

        assertThat(ports).anySatisfy(port -> assertThat(publishedContainerPort(port)).hasValue(8080));
    }

    @Test
    void keywardRunsInProductionModeOnThePostgresService() {
        Map<String, String> environment = environment(service("keyward"));

        assertThat(environment).containsEntry("KEYWARD_MODE", "prod");
        assertThat(environment.get("KEYWARD_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(environment.get("KEYWARD_DB_USER")).isNotBlank();
        assertThat(environment.get("KEYWARD_DB_PASSWORD")).isNotBlank();
    }

    @Test
    void keywardUsesTheDatabaseAndCredentialsPostgresCreates() {
        Map<String, String> keyward = environment(service("keyward"));
        Map<String, String> postgres = environment(service("postgres"));

        assertThat(keyward.get("KEYWARD_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(keyward.get("KEYWARD_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(keyward.get("KEYWARD_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void keywardReadsItsKeyEncryptionKeyFromAComposeSecretFile() {
        Map<String, Object> keyward = service("keyward");
        Map<String, Object> secret = map(map(compose.get("secrets")).get("keyward-key-encryption-key"));

        assertThat(list(keyward.get("secrets"))).contains("keyward-key-encryption-key");
        assertThat(environment(keyward)).containsEntry("KEYWARD_KEYS_ENCRYPTION_KEY_FILE", "/run/secrets/keyward-key-encryption-key");
        assertThat(String.valueOf(secret.get("file"))).startsWith("./secrets/");
    }

    @Test
    void keywardIsBuiltFromTheDockerfileAtTheRepositoryRoot() {
        Map<String, Object> build = map(service("keyward").get("build"));

        assertThat(build).containsEntry("context", ".");
        assertThat(RepositoryRoot.path().resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))))
                .isRegularFile();
    }

    @Test
    void aSecondNodeJoinsTheSameDatabaseOnlyUnderTheClusterProfileAndOnlyOnceTheFirstIsHealthy() {
        Map<String, Object> first = service("keyward");
        Map<String, Object> second = service("keyward-2");

        assertThat(list(second.get("profiles"))).containsExactly("cluster");
        assertThat(environment(second)).as("same database, key-encryption key and public URL")
                .containsAllEntriesOf(environment(first));
        assertThat(list(second.get("secrets"))).isEqualTo(list(first.get("secrets")));
        assertThat(map(map(second.get("depends_on")).get("keyward"))).containsEntry("condition", "service_healthy");
        assertThat(namedVolumes(second)).as("its own data directory").doesNotContainAnyElementsOf(namedVolumes(first)).isNotEmpty();
        assertThat(list(second.get("ports"))).as("another host port").doesNotContainAnyElementsOf(list(first.get("ports")));
        assertThat(map(second.get("healthcheck"))).isEqualTo(map(first.get("healthcheck")));
    }

    @Test
    void everyNamedVolumeIsDeclared() {
        Map<String, Object> declared = map(compose.getOrDefault("volumes", Map.of()));

        assertThat(services().keySet()).allSatisfy(name ->
                assertThat(declared).as("top-level volumes used by service %s", name)
                        .containsKeys(namedVolumes(service(name)).toArray(String[]::new)));
    }

    private static Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private static Map<String, Object> service(String name) {
        return map(services().get(name));
    }

    /** Volume sources that are names, not host paths, in short ("name:/path[:ro]") or long syntax. */
    private static List<String> namedVolumes(Map<String, Object> service) {
        return list(service.getOrDefault("volumes", List.of())).stream()
                .map(volume -> volume instanceof Map<?, ?> longSyntax
                        ? "volume".equals(longSyntax.get("type")) ? String.valueOf(longSyntax.get("source")) : ""
                        : String.valueOf(volume).split(":")[0])
                .filter(source -> !source.isEmpty() && Stream.of("/", ".", "~", "$").noneMatch(source::startsWith))
                .toList();
    }

    /** The container port a ports entry publishes on the host: "8080:8080", "127.0.0.1:8080:8080/tcp", long syntax. */
    private static Optional<Integer> publishedContainerPort(Object port) {
        if (port instanceof Map<?, ?> longSyntax) {
            return longSyntax.get("published") == null
                    ? Optional.empty()
                    : Optional.of(Integer.parseInt(String.valueOf(longSyntax.get("target"))));
        }
        String[] parts = String.valueOf(port).split("/")[0].split(":");
        return parts.length < 2 ? Optional.empty() : Optional.of(Integer.parseInt(parts[parts.length - 1]));
    }

    /** The environment as a map, from either the mapping or the "KEY=value" list syntax. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.getOrDefault("environment", Map.of());
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> mapping) {
            mapping.forEach((key, value) -> result.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else {
            for (Object entry : list(environment)) {
                String[] pair = String.valueOf(entry).split("=", 2);
                result.put(pair[0], pair.length == 2 ? pair[1] : null);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).as("a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
