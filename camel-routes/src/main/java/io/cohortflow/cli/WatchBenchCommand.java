package io.cohortflow.cli;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.DicomHeaderReader;
import io.cohortflow.extraction.ExtractionListener;
import io.cohortflow.extraction.ExtractionOptions;
import io.cohortflow.extraction.ExtractionSummary;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.extraction.SampleCohort;
import io.cohortflow.store.Database;
import io.cohortflow.store.DatabaseSettings;
import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.watch.WatchApplication;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench watch}: a generated cohort dropped at once into the inbox of a running
 * watch service (trickle route: read lock, header read, per-series aggregation, series writes),
 * timed until every file is in the database, beside {@code cohortflow extract} on the same files
 * in the same run and database; with the peak heap of each.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Watch-service throughput (files dropped at once into the inbox) vs extract.")
final class WatchBenchCommand implements Callable<Integer> {
  @Option(names = "--files", defaultValue = "2000", paramLabel = "N",
      description = "About how many files to generate (default ${DEFAULT-VALUE}; the issue's"
          + " figure is for 20000).")
  int files;

  @Option(names = "--slices", defaultValue = "8", paramLabel = "N",
      description = "Slices per series (default ${DEFAULT-VALUE}: 82 files per subject).")
  int slices;

  @Option(names = "--workers", defaultValue = "2", paramLabel = "N",
      description = "Workers for both (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--series-quiet-period", defaultValue = "2000", paramLabel = "MS",
      description = "Quiet period of the service; part of its end-to-end time"
          + " (default ${DEFAULT-VALUE}).")
  long quietPeriod;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Work folder (kept); default: a temporary folder, deleted afterwards.")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? dir : Files.createTempDirectory("cohortflow-bench-watch");
    try {
      Path cohort = work.resolve("cohort");
      int written = SampleCohort.write(cohort, Math.max(1, files / (10 * slices + 2)), 13,
          slices);
      Files.delete(cohort.resolve(SampleCohort.GROUND_TRUTH));
      out.printf("cohort: %d files, %d workers, quiet period %d ms%n", written, workers,
          quietPeriod);
      try (Database db = Database.openMigrated(DatabaseSettings.embedded(work.resolve("db")),
          workers + 12)) {
        double extract;
        double extractHeap;
        try (HeapPeak heap = HeapPeak.start()) {
          extract = extract(db.dataSource(), cohort);
          extractHeap = heap.mebibytes();
        }
        double watch;
        double watchHeap;
        try (HeapPeak heap = HeapPeak.start()) {
          watch = watch(db.dataSource(), cohort, work, written);
          watchHeap = heap.mebibytes();
        }
        out.printf("%-10s %12s %14s%n", "", "files/s", "peak heap MiB");
        out.printf("%-10s %12.0f %14.0f%n", "extract", extract, extractHeap);
        out.printf("%-10s %12.0f %14.0f%n", "watch", watch, watchHeap);
        out.printf("watch / extract: %.0f%% (end-to-end, quiet period included)%n",
            100 * watch / extract);
      }
      return ExitCodes.OK;
    } finally {
      if (dir == null) {
        WorkFolders.deleteTree(work);
      }
    }
  }

  private double extract(DataSource dataSource, Path cohort) throws Exception {
    ExtractionOptions options = new ExtractionOptions(cohort, "bench-extract", workers, 1000,
        true, false, false);
    long start = System.nanoTime();
    ExtractionSummary summary = new CohortExtractor(options, new DicomHeaderReader(),
        new ExtractionWriter(dataSource), PatientIdentifiers.withSecret("bench"),
        new ExtractionListener() {}).run();
    return summary.filesImported() / ((System.nanoTime() - start) / 1e9);
  }

  private double watch(DataSource dataSource, Path cohort, Path work, int expected)
      throws Exception {
    Path inbox = work.resolve("inbox");
    Properties settings = new Properties();
    settings.setProperty("cohortflow.watch.inbox", inbox.toString());
    settings.setProperty("cohortflow.watch.outbox", work.resolve("outbox").toString());
    settings.setProperty("cohortflow.watch.cohort", "bench-watch");
    settings.setProperty("cohortflow.watch.workers", String.valueOf(workers));
    settings.setProperty("cohortflow.watch.series-quiet-period", String.valueOf(quietPeriod));
    settings.setProperty("cohortflow.watch.poll-delay", "200");
    settings.setProperty("cohortflow.watch.read-lock-min-age", "200");
    settings.setProperty("cohortflow.watch.read-lock-check-interval", "100");
    WatchApplication app = WatchApplication.start(settings, null, dataSource,
        PatientIdentifiers.withSecret("bench"));
    try {
      long start = System.nanoTime();
      // "Dropped at once": each subject folder is renamed into the inbox.
      try (DirectoryStream<Path> subjects = Files.newDirectoryStream(cohort)) {
        for (Path subject : subjects) {
          Files.move(subject, inbox.resolve(subject.getFileName()));
        }
      }
      while (instances(dataSource, "bench-watch") < expected) {
        Thread.sleep(100);
      }
      return expected / ((System.nanoTime() - start) / 1e9);
    } finally {
      app.close();
    }
  }

  private static long instances(DataSource dataSource, String cohort) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM instance i"
            + " JOIN cohort co ON co.id = i.cohort_id WHERE co.name = ?")) {
      ps.setString(1, cohort);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
