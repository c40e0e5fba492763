package io.cohortflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cohortflow} command line: the entry point of the launcher and of the distribution.
 * Each capability is a subcommand that parses its options, wires a processor and reports; the
 * exit code says how the run ended (see {@link ExitCodes}).
 */
@Command(
    name = "cohortflow",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns imaging cohorts (DICOM, NIfTI) into metadata, stacks, radiomics and annotations.",
    subcommands = {
        CommandLine.HelpCommand.class,
        ExtractCommand.class,
        SampleCommand.class,
        DemoCommand.class,
        ExportCommand.class,
        MergeCommand.class,
        DbCommand.class,
        RadiomicsCommand.class,
        BenchCommand.class,
        AnnotationsCommand.class,
        SlicesCommand.class,
        DicomCommand.class,
        WatchCommand.class,
    })
public final class CohortflowCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  Verbosity verbosity;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Builds the configured command line; tests use it to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CohortflowCli());
    cli.setExecutionStrategy(Verbosity::configureThenRun);
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
