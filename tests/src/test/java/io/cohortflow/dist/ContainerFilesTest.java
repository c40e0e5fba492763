package io.cohortflow.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of {@code containers/} without a container engine: the compose file and the
 * Dockerfile name only settings that cohortflow and the entry point read, agree with each other
 * on paths, keep every secret out of the files, declare health checks and a non-root user, and
 * copy only sources that exist and that {@code .dockerignore} lets through.
 */
class ContainerFilesTest {
  private static final Path CONTAINERS = Distribution.REPOSITORY.resolve("containers");
  /** COHORTFLOW_* variables read by cohortflow itself (besides COHORTFLOW_WATCH_*) or the entry point. */
  private static final Set<String> KNOWN_VARIABLES = Set.of("COHORTFLOW_DB_URL",
      "COHORTFLOW_DB_USER", "COHORTFLOW_DB_PASSWORD", "COHORTFLOW_DB_DIR",
      "COHORTFLOW_IDENTIFIER_SECRET", "COHORTFLOW_JAVA_OPTS", "COHORTFLOW_WAIT_FOR_DB");
  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY).*");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+(:?[-?][^}]*)?}");

  @Test
  void composeRunsWatchOnMariaDbAndMinioWithHealthChecksAndNoSecretInTheFile()
      throws IOException {
    JsonNode services = compose().path("services");
    assertThat(services.has("mariadb") && services.has("minio") && services.has("cohortflow"))
        .as("services: %s", services.fieldNames()).isTrue();
    assertThat(services.path("mariadb").path("image").asText()).isEqualTo("mariadb:11.4");
    for (String name : List.of("mariadb", "minio")) {
      assertThat(services.path(name).path("healthcheck").path("test").isArray())
          .as("healthcheck of %s", name).isTrue();
    }
    JsonNode cohortflow = services.path("cohortflow");
    assertThat(cohortflow.path("build").path("dockerfile").asText())
        .isEqualTo("containers/Dockerfile");
    assertThat(CONTAINERS.resolve(cohortflow.path("build").path("context").asText())
        .normalize()).isEqualTo(Distribution.REPOSITORY);
    assertThat(cohortflow.path("depends_on").path("mariadb").path("condition").asText())
        .isEqualTo("service_healthy");
    assertThat(cohortflow.path("command").isMissingNode()).as("the entry point's default command")
        .isTrue();

    Map<String, String> env = environment(cohortflow);
    assertThat(env.get("COHORTFLOW_DB_URL")).isEqualTo("jdbc:mariadb://mariadb:3306/cohortflow");
    assertThat(env.get("COHORTFLOW_WATCH_S3_ENDPOINT")).isEqualTo("http://minio:9000");
    Set<String> watchKeys = watchVariables();
    for (String name : env.keySet()) {
      assertThat(KNOWN_VARIABLES.contains(name) || watchKeys.contains(name))
          .as("%s is read by cohortflow or the entry point", name).isTrue();
    }
    for (String service : List.of("mariadb", "minio", "minio-init", "cohortflow")) {
      environment(services.path(service)).forEach((name, value) -> {
        if (SECRET_NAME.matcher(name).matches() && !name.endsWith("RANDOM_ROOT_PASSWORD")) {
          assertThat(value).as("%s of %s comes from the environment or .env", name, service)
              .matches(REFERENCE);
        }
      });
    }

    // The inbox and outbox mounts are where the image's defaults point.
    Map<String, String> imageEnv = dockerfileEnvironment();
    List<String> mounts = new ArrayList<>();
    cohortflow.path("volumes").forEach(v -> mounts.add(v.asText().replaceAll("^[^:]*:", "")));
    assertThat(mounts).contains(imageEnv.get("COHORTFLOW_WATCH_INBOX"),
        imageEnv.get("COHORTFLOW_WATCH_OUTBOX"));
  }

  @Test
  void envExampleHoldsNoSecretValue() throws IOException {
    for (String line : Files.readAllLines(CONTAINERS.resolve(".env.example"))) {
      if (!line.startsWith("#") && line.contains("=")) {
        assertThat(line).as("every secret is left for the user to fill in").endsWith("=");
      }
    }
  }

  @Test
  void dockerfileBuildsWithMavenAndRunsTheEntryPointAsANonRootUser() throws IOException {
    List<String> lines = dockerfileInstructions();
    assertThat(lines.stream().filter(l -> l.startsWith("FROM ")))
        .containsExactly("FROM maven:3-eclipse-temurin-17 AS build",
            "FROM eclipse-temurin:17-jre");
    assertThat(lines).anyMatch(l -> l.startsWith("RUN ") && l.contains("mvn -B")
        && l.contains("-DskipTests") && l.contains("package"));
    String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b)
        .orElseThrow().substring("USER ".length()).split(":")[0];
    assertThat(user).isNotIn("0", "root");

    // ENTRYPOINT is the copied entry point script; PATH reaches the archive's launcher.
    String[] copy = lines.stream()
        .filter(l -> l.startsWith("COPY ") && l.contains(" containers/entrypoint.sh "))
        .findFirst().orElseThrow().split(" ");
    String copiedTo = copy[copy.length - 1];
    assertThat(lines).contains("ENTRYPOINT [\"" + copiedTo + "\"]");
    assertThat(dockerfileEnvironment().get("PATH")).startsWith("/opt/cohortflow/bin:");
    assertThat(Files.isExecutable(CONTAINERS.resolve("entrypoint.sh"))).isTrue();

    for (String line : lines) {
      if (line.startsWith("ENV ") || line.startsWith("ARG ")) {
        assertThat(line).as("no secret baked into the image").doesNotContainPattern(SECRET_NAME);
      }
    }
  }

  @Test
  void dockerfileCopiesOnlySourcesThatExistAndAreNotIgnored() throws IOException {
    List<String> ignored = Files.readAllLines(Distribution.REPOSITORY.resolve(".dockerignore"))
        .stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(ignored).contains(".git", "**/target");
    for (String line : dockerfileInstructions()) {
      if (!line.startsWith("COPY ") || line.contains("--from=")) {
        continue;
      }
      String[] parts = line.split(" ");
      for (int i = 1; i < parts.length - 1; i++) {
        String source = parts[i];
        if (source.startsWith("--")) {
          continue; // --chmod and the like
        }
        if (source.endsWith("*")) {
          continue; // optional files (LICENSE* before the project has one)
        }
        assertThat(Distribution.REPOSITORY.resolve(source)).as("COPY source %s", source).exists();
        assertThat(ignored).as("%s is in the build context", source)
            .noneMatch(pattern -> source.equals(pattern) || source.startsWith(pattern + "/"));
      }
    }
  }

  private static JsonNode compose() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(CONTAINERS.resolve("compose.yaml")
        .toFile());
  }

  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new HashMap<>();
    service.path("environment").properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  /** COHORTFLOW_WATCH_* names of the keys in the bundled application.properties. */
  private static Set<String> watchVariables() throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Distribution.REPOSITORY
        .resolve("camel-routes/src/main/resources/application.properties"))) {
      properties.load(reader);
    }
    Set<String> names = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("cohortflow.watch.")) {
        names.add(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
      }
    }
    assertThat(names).contains("COHORTFLOW_WATCH_INBOX", "COHORTFLOW_WATCH_S3_SECRET_KEY");
    return names;
  }

  /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
  private static List<String> dockerfileInstructions() throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(CONTAINERS.resolve("Dockerfile"))) {
      if (line.startsWith("#") || (current.length() == 0 && line.isBlank())) {
        continue;
      }
      String trimmed = line.strip();
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      instructions.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    return instructions;
  }

  /** NAME=value pairs of the Dockerfile's ENV instructions. */
  private static Map<String, String> dockerfileEnvironment() throws IOException {
    Map<String, String> env = new HashMap<>();
    Pattern pair = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S+)");
    for (String line : dockerfileInstructions()) {
      if (line.startsWith("ENV ")) {
        Matcher m = pair.matcher(line);
        while (m.find()) {
          env.put(m.group(1), m.group(2));
        }
      }
    }
    return env;
  }
}
