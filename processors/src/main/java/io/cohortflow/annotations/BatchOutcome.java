package io.cohortflow.annotations;

import java.nio.file.Path;
import java.util.List;

/**
 * How a dataset run ended: a count per successfully processed file (annotations or slices, for
 * the stats file), in input order, and the files that failed with the reason.
 */
public record BatchOutcome(List<FileCount> counts, List<FileFailure> failures) {

  public BatchOutcome {
    counts = List.copyOf(counts);
    failures = List.copyOf(failures);
  }

  /** One processed file and its count. */
  public record FileCount(String fileName, long count) {}

  /** One file that could not be processed, and why. */
  public record FileFailure(Path file, String reason) {}

  public boolean hasFailures() {
    return !failures.isEmpty();
  }
}
