package io.cohortflow.cli;

import io.cohortflow.extraction.SampleCohort;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cohortflow sample}: writes a synthetic DICOM cohort with its expected stacks. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = {"Write a realistic synthetic cohort: per subject an MR, a CT and a PET study,"
        + " and ground-truth.csv with every series' expected stacks."})
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--subjects", defaultValue = "3", paramLabel = "N",
      description = "Number of subjects (default: ${DEFAULT-VALUE}).")
  int subjects;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed: the same seed gives the same files and UIDs (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (subjects < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--subjects must be at least 1, got " + subjects);
    }
    int files = SampleCohort.write(out, subjects, seed);
    spec.commandLine().getOut().printf("Wrote %d DICOM files for %d subjects to %s (expected"
        + " stacks in %s)%n", files, subjects, out, out.resolve(SampleCohort.GROUND_TRUTH));
    return ExitCodes.OK;
  }
}
