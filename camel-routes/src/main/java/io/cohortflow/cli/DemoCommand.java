package io.cohortflow.cli;

import io.cohortflow.extraction.SampleCohort;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow demo}: the main job on the embedded defaults — a sample cohort written with the
 * DICOM writer, extracted into the database, and a summary table per modality.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Write a sample cohort, extract it into the database (cohort 'demo') and print"
        + " a summary per modality.")
final class DemoCommand implements Callable<Integer> {
  static final String COHORT = "demo";

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the sample cohort goes (default: ~/.cohortflow/demo-cohort).")
  Path out;

  @Option(names = "--subjects", defaultValue = "3", paramLabel = "N",
      description = "Number of subjects (default: ${DEFAULT-VALUE}).")
  int subjects;

  @Mixin ExtractCommand.ExtractionSettings settings;

  @Mixin DatabaseOptions database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    settings.validate(spec.commandLine());
    Path cohortDir = out != null ? out
        : Path.of(System.getProperty("user.home"), ".cohortflow", "demo-cohort");
    PrintWriter stdout = spec.commandLine().getOut();
    if (!Files.isRegularFile(cohortDir.resolve(SampleCohort.GROUND_TRUTH))) {
      int files = SampleCohort.write(cohortDir, subjects, 1);
      stdout.printf("Sample cohort: %d DICOM files for %d subjects in %s%n", files, subjects,
          cohortDir);
    } else {
      stdout.printf("Sample cohort: %s (already there)%n", cohortDir);
    }
    try (Database db = database.openMigrated(settings.workers + 2)) {
      stdout.printf("Database: %s%n", db.describe());
      int code = ExtractCommand.run(stdout, db, cohortDir, COHORT, settings, database.settings());
      stdout.println();
      stdout.printf("%-8s %9s %8s %7s %7s %10s%n", "modality", "subjects", "studies", "series",
          "stacks", "instances");
      for (CohortExporter.ModalityCounts c : new CohortExporter(db.dataSource()).summary(COHORT)) {
        stdout.printf("%-8s %9d %8d %7d %7d %10d%n", c.modality(), c.subjects(), c.studies(),
            c.series(), c.stacks(), c.instances());
      }
      return code;
    }
  }
}
