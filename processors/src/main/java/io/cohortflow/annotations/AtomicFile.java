package io.cohortflow.annotations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a whole file under a hidden temporary name in the same folder ({@code .<name>.tmp}), then
 * renames it over the target, so readers and interrupted runs never see half a file. Output files
 * of one run are written from one thread (see {@link OrderedBatch}), so the temporary name needs
 * no randomness.
 */
final class AtomicFile {
  private AtomicFile() {}

  static void write(Path path, byte[] content) throws IOException {
    Path temp = path.resolveSibling("." + path.getFileName() + ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }
}
