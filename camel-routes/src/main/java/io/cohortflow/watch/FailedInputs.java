package io.cohortflow.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The {@code failed/} area of the inbox: each refused input keeps its path relative to the inbox
 * and gets a {@code NAME.error.txt} sidecar saying why, in which route and when.
 */
public final class FailedInputs {
  static final String SIDECAR_SUFFIX = ".error.txt";

  private final Path area;

  FailedInputs(Path area) {
    this.area = area;
  }

  /** Where the input of {@code relativePath} (relative to the inbox) goes. */
  Path target(String relativePath) {
    return AtomicFiles.inside(area, relativePath);
  }

  /** Writes the sidecar of {@code relativePath}. */
  void describe(String relativePath, String route, String stage, String reason)
      throws IOException {
    AtomicFiles.writeText(AtomicFiles.inside(area, relativePath + SIDECAR_SUFFIX),
        "input: " + relativePath + "\nroute: " + route + "\nstage: " + stage + "\nreason: "
            + reason + "\ntime: " + Instant.now() + "\n");
  }

  /** Copies {@code file} into the area (the original stays where it is) and describes it. */
  void copy(Path file, String relativePath, String route, String stage, String reason)
      throws IOException {
    Path target = target(relativePath);
    Files.createDirectories(target.getParent());
    if (Files.isRegularFile(file)) {
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
    describe(relativePath, route, stage, reason);
  }

  /** Describes {@code file}, then moves it into the area (the sidecar first: never a bare file). */
  void move(Path file, String relativePath, String route, String stage, String reason)
      throws IOException {
    describe(relativePath, route, stage, reason);
    AtomicFiles.move(file, target(relativePath));
  }
}
