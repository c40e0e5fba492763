package io.cohortflow.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution archive as a user gets it: the real {@code cohortflow-VERSION.tar.gz} built by
 * {@code mvn package} (path from the system property {@code cohortflow.dist.archive}), unpacked
 * with the system's {@code tar} into a folder outside the build tree, and commands run as
 * separate processes with a controlled environment.
 */
final class Distribution {
  static final String VERSION = System.getProperty("cohortflow.dist.version");
  static final Path ARCHIVE = Path.of(System.getProperty("cohortflow.dist.archive"));
  static final Path REPOSITORY = Path.of(System.getProperty("cohortflow.repository"))
      .toAbsolutePath().normalize();

  private Distribution() {
  }

  /** Unpacks the archive into {@code parent} and returns its single top folder. */
  static Path unpack(Path parent) throws IOException, InterruptedException {
    assertThat(ARCHIVE).as("the distribution archive (built by mvn package in camel-routes)")
        .isRegularFile();
    Files.createDirectories(parent);
    Outcome tar = run(parent, Map.of(), 120, "tar", "-xzf", ARCHIVE.toString());
    assertThat(tar.exitCode()).as("tar -xzf: %s", tar.stderr()).isZero();
    try (var top = Files.list(parent)) {
      List<Path> entries = top.toList();
      assertThat(entries).as("the archive's top level").hasSize(1);
      return entries.get(0);
    }
  }

  /** The environment of the commands: this JVM's Java, nothing inherited that could change them. */
  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /**
   * Runs a command in {@code directory} with exactly the given environment, its output kept in
   * files beside the directory (no pipe can fill up), and fails the test when it outlives
   * {@code timeoutSeconds}.
   */
  static Outcome run(Path directory, Map<String, String> env, int timeoutSeconds,
      String... command) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("cohortflow-dist-out", ".txt");
    Path stderr = Files.createTempFile("cohortflow-dist-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
          .directory(directory.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " still running after "
            + timeoutSeconds + " s; output so far: " + Files.readString(stdout)
            + Files.readString(stderr));
      }
      return new Outcome(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** How a command ended. */
  record Outcome(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
