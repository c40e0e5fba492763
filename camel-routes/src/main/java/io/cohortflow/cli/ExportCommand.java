package io.cohortflow.cli;

import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.Database;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cohortflow export}: a cohort's rows as CSV files. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a cohort's subjects, studies, series, stacks and instances as CSV files"
        + " (RFC 4180, header row).")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--cohort", required = true, paramLabel = "NAME", description = "Cohort name.")
  String cohort;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Mixin DatabaseOptions database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Database db = database.openMigrated(2)) {
      Map<String, Long> rows = new CohortExporter(db.dataSource()).export(cohort, out);
      rows.forEach((file, count) ->
          spec.commandLine().getOut().printf("%-15s %10d rows%n", file, count));
      return ExitCodes.OK;
    } catch (CohortExporter.UnknownCohortException e) {
      System.err.println("cohortflow: " + e.getMessage());
      return ExitCodes.SOME_INPUTS_FAILED;
    }
  }
}
