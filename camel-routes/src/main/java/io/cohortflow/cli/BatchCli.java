package io.cohortflow.cli;

import io.cohortflow.annotations.AnnotationUsageException;
import io.cohortflow.annotations.BatchOutcome;
import picocli.CommandLine;

/** What the file-batch commands share: checking {@code --workers} and the exit code of a run. */
final class BatchCli {
  private BatchCli() {}

  static void checkWorkers(int workers) {
    if (workers < 1) {
      throw new AnnotationUsageException("--workers must be at least 1, not " + workers);
    }
  }

  /** Prints a usage mistake as nidataset words it (no help dump) and returns exit code 2. */
  static int usageError(CommandLine.Model.CommandSpec spec, AnnotationUsageException e) {
    spec.commandLine().getErr().println(e.getMessage());
    return ExitCodes.USAGE;
  }

  /** 0 when every file was processed, else a summary line on stderr and exit code 1. */
  static int exitCode(CommandLine.Model.CommandSpec spec, BatchOutcome outcome, String what) {
    if (!outcome.hasFailures()) {
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println("cohortflow " + what + ": " + outcome.failures().size()
        + " of " + (outcome.failures().size() + outcome.counts().size())
        + " files failed and were skipped");
    return ExitCodes.SOME_INPUTS_FAILED;
  }
}
