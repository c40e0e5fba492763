package io.cohortflow.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How the watch service puts files in place: text written under a temporary name and renamed, so
 * a reader never sees half a file; inputs moved between the inbox's areas; and paths from outside
 * (relative paths, S3 keys) resolved so that they cannot leave the area they belong to.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  static void writeText(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Moves {@code file} to {@code target}, replacing it, and creates the target's folder only when
   * the move finds it missing: inputs go to folders that mostly exist already, and a mkdir per
   * file was a large part of the trickle route's system time.
   */
  static void move(Path file, Path target) throws IOException {
    try {
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      if (Files.notExists(file)) {
        throw e;
      }
      Files.createDirectories(target.getParent());
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** {@code relative} resolved under {@code area}; refuses anything that would leave it. */
  static Path inside(Path area, String relative) {
    Path resolved = area.resolve(relative).normalize();
    if (Path.of(relative).isAbsolute() || !resolved.startsWith(area.normalize())) {
      throw new IllegalArgumentException("path '" + relative + "' leaves " + area);
    }
    return resolved;
  }
}
