package io.cohortflow.annotations;

import java.nio.file.Path;

/**
 * Told about each file of a dataset run as it completes, in input order, on the caller's thread:
 * the CLI drives its progress bar and prints failures from it.
 */
@FunctionalInterface
public interface BatchListener {
  BatchListener NONE = (file, failure) -> { };

  /**
   * @param failure null when the file was processed, else the reason it was skipped
   */
  void fileDone(Path file, String failure);
}
