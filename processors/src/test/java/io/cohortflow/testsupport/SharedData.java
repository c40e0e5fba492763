package io.cohortflow.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's shared reference material ({@code ../shared} beside the checkout, or the
 * folder named by {@code COHORTFLOW_SHARED}); tests that need it skip with a message when absent.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder, or a skipped test when it is not there. */
  public static Path root() {
    Path root = locate();
    Assumptions.assumeTrue(
        root != null,
        "shared reference material not found: set COHORTFLOW_SHARED or place it at ../shared");
    return root;
  }

  /** A path inside the shared folder, or a skipped test when it is not there. */
  public static Path resolve(String relative) {
    Path path = root().resolve(relative);
    Assumptions.assumeTrue(Files.exists(path), "shared reference material lacks " + relative);
    return path;
  }

  private static Path locate() {
    String env = System.getenv("COHORTFLOW_SHARED");
    if (env != null && !env.isBlank()) {
      return Files.isDirectory(Path.of(env)) ? Path.of(env) : null;
    }
    String property = System.getProperty("cohortflow.shared");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property).normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return candidate;
      }
    }
    return null;
  }
}
