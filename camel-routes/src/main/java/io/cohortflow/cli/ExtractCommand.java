package io.cohortflow.cli;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.DicomHeaderReader;
import io.cohortflow.extraction.ExtractionListener;
import io.cohortflow.extraction.ExtractionOptions;
import io.cohortflow.extraction.ExtractionSummary;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.Database;
import io.cohortflow.store.DatabaseSettings;
import io.cohortflow.store.ExtractionWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cohortflow extract}: imports a cohort folder of DICOM files into the database. */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = {"Import the DICOM headers of a cohort folder into the database and group each"
        + " series' instances into stacks.",
        "Every immediate subfolder of --source is a subject; files are read recursively:"
        + " *.dcm (any case) and names without an extension (--all-files: any file with the DICM"
        + " magic)."})
final class ExtractCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractCommand.class);

  @Option(names = "--source", required = true, paramLabel = "DIR",
      description = "Cohort folder: one subfolder per subject.")
  Path source;

  @Option(names = "--cohort", required = true, paramLabel = "NAME",
      description = "Cohort name in the database (created when new).")
  String cohort;

  @Option(names = "--rows-out", paramLabel = "DIR",
      description = "Also write the cohort's rows as export's CSV files into DIR (for a"
          + " distributed run: `cohortflow merge rows` joins such folders).")
  Path rowsOut;

  @Mixin ExtractionSettings settings;

  @Mixin DatabaseOptions database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    settings.validate(spec.commandLine());
    if (!java.nio.file.Files.isDirectory(source)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--source " + source + " is not a folder");
    }
    try (Database db = database.openMigrated(settings.workers + 2)) {
      int code = run(spec.commandLine().getOut(), db, source, cohort, settings,
          database.settings());
      if (rowsOut != null) {
        new CohortExporter(db.dataSource()).export(cohort, rowsOut);
      }
      return code;
    }
  }

  /** Runs an extraction and prints its summary; shared by {@code extract} and {@code demo}. */
  static int run(PrintWriter out, Database db, Path source, String cohort,
      ExtractionSettings settings, DatabaseSettings databaseSettings)
      throws IOException, InterruptedException {
    ExtractionOptions options = new ExtractionOptions(source, cohort, settings.workers,
        settings.batchSize, settings.resume, settings.allFiles, settings.storeIdentifiers);
    PatientIdentifiers identifiers = settings.identifiers(databaseSettings);
    ExtractionSummary summary;
    double seconds;
    try (ProgressReporter progress = ProgressReporter.start("extract", "files")) {
      ExtractionListener listener = new ExtractionListener() {
        @Override
        public void totalKnown(long files) {
          progress.total(files);
        }

        @Override
        public void filesDone(long files) {
          progress.step(files);
        }

        @Override
        public void fileFailed(String path, String stage, String message) {
          LOG.warn("Not imported: {} ({}: {})", path, stage, message);
        }
      };
      summary = new CohortExtractor(options, new DicomHeaderReader(),
          new ExtractionWriter(db.dataSource()), identifiers, listener).run();
      seconds = progress.seconds();
    } catch (CohortExtractor.NothingToImportException e) {
      out.flush();
      System.err.println("cohortflow: " + e.getMessage());
      return ExitCodes.SOME_INPUTS_FAILED;
    } catch (SQLException e) {
      throw new IllegalStateException("database error, the current batch was rolled back and"
          + " nothing of it is stored; run the same command again to resume: " + e.getMessage(), e);
    }
    printSummary(out, summary, seconds);
    return summary.allSucceeded() ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
  }

  private static void printSummary(PrintWriter out, ExtractionSummary s, double seconds) {
    out.printf("Subjects: %d (%d already complete, skipped)%n", s.subjects(), s.subjectsSkipped());
    out.printf("Files: %d found, %d imported, %d skipped (already imported), %d failed%n",
        s.filesFound(), s.filesImported(), s.filesSkipped(), s.filesFailed());
    if (s.rootFiles() > 0) {
      out.printf("Files directly under the source (not in a subject folder, not imported): %d%n",
          s.rootFiles());
    }
    out.printf("Time: %.1f s (%.0f files/s); job %d%s%n", seconds,
        (s.filesImported() + s.filesSkipped() + s.filesFailed()) / Math.max(seconds, 1e-3),
        s.jobId(),
        s.filesFailed() > 0 ? " (failures are listed in table job_error)" : "");
  }

  /** The extraction options shared by {@code extract} and {@code demo}. */
  static final class ExtractionSettings {
    @Option(names = "--workers", defaultValue = "4", paramLabel = "N",
        description = "Threads reading headers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batch-size", defaultValue = "1000", paramLabel = "N",
        description = "Instances per database transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--resume", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Skip complete subjects and imported files (default). --no-resume re-reads"
            + " everything and updates rows in place.")
    boolean resume;

    @Option(names = "--all-files",
        description = "Also try files with other extensions, keeping those with the DICM magic.")
    boolean allFiles;

    @Option(names = "--store-identifiers",
        description = "Store PatientID and PatientName in clear (default: only a keyed hash of"
            + " PatientID).")
    boolean storeIdentifiers;

    @Option(names = "--identifier-secret", paramLabel = "SECRET",
        defaultValue = "${env:COHORTFLOW_IDENTIFIER_SECRET}",
        description = "Secret for the PatientID hash (env COHORTFLOW_IDENTIFIER_SECRET); default:"
            + " a key generated once and kept in the cohortflow data directory.")
    String identifierSecret;

    PatientIdentifiers identifiers(DatabaseSettings databaseSettings) throws IOException {
      return identifiers(identifierSecret, databaseSettings);
    }

    /** The secret's identifiers, or the kept key's when there is no secret (shared by watch). */
    static PatientIdentifiers identifiers(String secret, DatabaseSettings databaseSettings)
        throws IOException {
      if (secret != null && !secret.isEmpty()) {
        return PatientIdentifiers.withSecret(secret);
      }
      Path dataDir = databaseSettings.isEmbedded()
          ? databaseSettings.embeddedDirectory()
          : DatabaseSettings.defaultEmbeddedDirectory().getParent();
      return PatientIdentifiers.fromKeyFile(dataDir.resolve("identifier.key"));
    }

    /** Usage errors (exit 2) for values the options cannot take. */
    void validate(CommandLine commandLine) {
      if (workers < 1) {
        throw new CommandLine.ParameterException(commandLine,
            "--workers must be at least 1, got " + workers);
      }
      if (batchSize < 1) {
        throw new CommandLine.ParameterException(commandLine,
            "--batch-size must be at least 1, got " + batchSize);
      }
    }
  }
}
