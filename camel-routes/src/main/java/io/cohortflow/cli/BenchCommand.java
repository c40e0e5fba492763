package io.cohortflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cohortflow bench}: the benchmarks that print throughput figures. Speed targets are checked
 * here, never in timed tests.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print figures (files/s, MB/s, seconds per case).",
    subcommands = {ExtractBenchCommand.class, DicomBenchCommand.class,
        AnnotationsBenchCommand.class, BenchTextureCommand.class, RadiomicsBenchCommand.class,
        WatchBenchCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark name");
  }
}
