package io.cohortflow.extraction;

/** Progress callbacks of an extraction run, called from the thread that writes to the database. */
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
