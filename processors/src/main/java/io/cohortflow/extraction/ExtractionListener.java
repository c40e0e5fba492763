package io.cohortflow.extraction;

/**
 * Progress callbacks of an extraction run. {@code filesDone} and {@code subjectCompleted} report
 * committed work and may come from the run's database thread, so implementations must be
 * thread-safe; {@code fileFailed} comes from the thread that called {@code run}.
 */
public interface ExtractionListener {
  /** The number of candidate files, once counted (counting runs beside the extraction). */
  default void totalKnown(long files) {}

  /** {@code files} more files were dealt with (imported, skipped or failed). */
  default void filesDone(long files) {}

  /** A file was refused. */
  default void fileFailed(String relativePath, String stage, String message) {}

  /** A subject folder is complete (its stacks are written). */
  default void subjectCompleted(String subjectKey) {}
}
