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
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench watch}: a generated cohort dropped at once into the inbox of a running
 * watch service (trickle route: read lock, header read, per-series aggregation, series writes),
 * timed until every file is in the database, beside {@code cohortflow extract} on the same files
 * in the same run and database; with the peak heap of each. The series of the drop are completed
 * either by a series marker file in each series folder (as an exporter that writes one last) or by
 * the quiet period, which then ends every drop; both are measured, and so is the same folder
 * dropped as a dataset (moved into the datasets area, then its READY marker written; timed until
 * its CSV files are written and it is archived). Like {@code bench extract},
 * one uncounted warm-up pass of each comes first, then {@code --rounds} rounds, alternating.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Watch-service throughput (files dropped at once into the inbox) vs extract.")
final class WatchBenchCommand implements Callable<Integer> {
  private static final PatientIdentifiers IDENTIFIERS = PatientIdentifiers.withSecret("bench");

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
      description = "Quiet period of the service; part of the end-to-end time of the drops"
          + " without series markers (default ${DEFAULT-VALUE}).")
  long quietPeriod;

  @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
      description = "Measured rounds after the warm-up (default ${DEFAULT-VALUE}); medians are"
          + " printed.")
  int rounds;

  @Option(names = "--warm-up", defaultValue = "10", paramLabel = "PERCENT",
      description = "Share of the cohort's subjects in the uncounted warm-up pass of each kind"
          + " (default ${DEFAULT-VALUE}; 100 measures a JIT-warm, long-running service).")
  int warmUpPercent;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Work folder (kept); default: a temporary folder, deleted afterwards.")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** How the series of a drop are completed. */
  private enum Completion { MARKERS, QUIET_PERIOD, DATASET }

  private record Figure(double filesPerSecond, double heapMebibytes) {}

  private int passes;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1");
    }
    if (warmUpPercent < 1 || warmUpPercent > 100) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--warm-up must be between 1 and 100, got " + warmUpPercent);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? dir : Files.createTempDirectory("cohortflow-bench-watch");
    try {
      Path cohort = work.resolve("cohort");
      if (!Files.isDirectory(cohort)) {
        SampleCohort.write(cohort, Math.max(1, files / (10 * slices + 2)), 13, slices);
        Files.delete(cohort.resolve(SampleCohort.GROUND_TRUTH));
      }
      int written = countFiles(cohort);
      out.printf("cohort: %d files, %d workers, quiet period %d ms, %d rounds%n", written,
          workers, quietPeriod, rounds);
      Path db = work.resolve("db");
      WorkFolders.deleteTree(db);
      try (Database database = Database.openMigrated(DatabaseSettings.embedded(db),
          workers + 12)) {
        DataSource dataSource = database.dataSource();
        // One small uncounted pass of each, so that neither is timed while the JIT compiles it.
        Path warmUp = work.resolve("warm-up");
        // a kept --dir still holds the last run's warm-up copy
        WorkFolders.deleteTree(warmUp);
        copySubjects(cohort, warmUp, Math.max(1, subjectCount(cohort) * warmUpPercent / 100));
        int warmUpFiles = countFiles(warmUp);
        extract(dataSource, work, warmUp);
        for (Completion completion : Completion.values()) {
          watch(dataSource, work, warmUp, warmUpFiles, completion);
        }
        List<Figure> extract = new ArrayList<>();
        List<Figure> markers = new ArrayList<>();
        List<Figure> quiet = new ArrayList<>();
        List<Figure> dataset = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          extract.add(extract(dataSource, work, cohort));
          markers.add(watch(dataSource, work, cohort, written, Completion.MARKERS));
          quiet.add(watch(dataSource, work, cohort, written, Completion.QUIET_PERIOD));
          dataset.add(watch(dataSource, work, cohort, written, Completion.DATASET));
          out.printf("round %d: extract %.0f files/s, watch with series markers %.0f, with the"
              + " quiet period %.0f, as a dataset drop %.0f; load average %.1f%n", round,
              extract.get(round - 1).filesPerSecond(), markers.get(round - 1).filesPerSecond(),
              quiet.get(round - 1).filesPerSecond(), dataset.get(round - 1).filesPerSecond(),
              loadAverage());
          out.flush();
        }
        double base = median(extract, true);
        out.printf("medians of %d rounds%n", rounds);
        out.printf("%-34s %10s %8s %14s%n", "", "files/s", "ratio", "peak heap MiB");
        out.printf("%-34s %10.0f %7.0f%% %14.0f%n", "extract", base, 100.0,
            median(extract, false));
        out.printf("%-34s %10.0f %7.0f%% %14.0f%n", "watch, series markers",
            median(markers, true), 100 * median(markers, true) / base, median(markers, false));
        out.printf("%-34s %10.0f %7.0f%% %14.0f%n",
            "watch, quiet period " + quietPeriod + " ms", median(quiet, true),
            100 * median(quiet, true) / base, median(quiet, false));
        out.printf("%-34s %10.0f %7.0f%% %14.0f%n", "watch, dataset drop (READY)",
            median(dataset, true), 100 * median(dataset, true) / base, median(dataset, false));
        out.println("watch figures are end to end: from the drop to the last row committed"
            + " (dataset drop: to its CSV files written and the folder archived)");
      }
      return ExitCodes.OK;
    } finally {
      if (dir == null) {
        WorkFolders.deleteTree(work);
      }
    }
  }

  private Figure extract(DataSource dataSource, Path work, Path cohort) throws Exception {
    Path copy = freshCopy(work, cohort, "extract");
    ExtractionOptions options = new ExtractionOptions(copy, "bench-extract-" + passes, workers,
        1000, true, false, false);
    try (HeapPeak heap = HeapPeak.start()) {
      long start = System.nanoTime();
      ExtractionSummary summary = new CohortExtractor(options, new DicomHeaderReader(),
          new ExtractionWriter(dataSource), IDENTIFIERS, new ExtractionListener() {}).run();
      return new Figure(summary.filesImported() / ((System.nanoTime() - start) / 1e9),
          heap.mebibytes());
    }
  }

  private Figure watch(DataSource dataSource, Path work, Path cohort, int expected,
      Completion completion) throws Exception {
    Path drop = freshCopy(work, cohort, "drop");
    if (completion == Completion.MARKERS) {
      writeSeriesMarkers(drop);
    }
    Path inbox = work.resolve("inbox-" + passes);
    String name = "bench-watch-" + passes;
    Properties settings = new Properties();
    settings.setProperty("cohortflow.watch.inbox", inbox.toString());
    settings.setProperty("cohortflow.watch.outbox", work.resolve("outbox-" + passes).toString());
    settings.setProperty("cohortflow.watch.cohort", name);
    settings.setProperty("cohortflow.watch.workers", String.valueOf(workers));
    settings.setProperty("cohortflow.watch.series-quiet-period", String.valueOf(quietPeriod));
    settings.setProperty("cohortflow.watch.poll-delay", "200");
    settings.setProperty("cohortflow.watch.read-lock-min-age", "200");
    settings.setProperty("cohortflow.watch.read-lock-check-interval", "100");
    WatchApplication app = WatchApplication.start(settings, null, dataSource, IDENTIFIERS);
    try (HeapPeak heap = HeapPeak.start()) {
      long start = System.nanoTime();
      if (completion == Completion.DATASET) {
        Path folder = inbox.resolve(app.config().datasetsFolder()).resolve(name);
        Files.createDirectories(folder.getParent());
        Files.move(drop, folder);
        Files.createFile(folder.resolve(app.config().readyMarker()));
        while (app.statistics().datasetsIngested() < 1) {
          Thread.sleep(20);
        }
      } else {
        // "Dropped at once": each subject folder is renamed into the inbox.
        try (DirectoryStream<Path> subjects = Files.newDirectoryStream(drop)) {
          for (Path subject : subjects) {
            Files.move(subject, inbox.resolve(subject.getFileName()));
          }
        }
        // The service's own counter, not a COUNT query: polling the database every 20 ms took
        // about a CPU second per pass from the service being measured.
        while (app.statistics().filesImported() < expected) {
          Thread.sleep(20);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long committed = instances(dataSource, name);
      if (committed != expected) {
        throw new IllegalStateException(completion + " pass: " + committed
            + " instances in the database, " + expected + " expected");
      }
      return new Figure(expected / seconds, heap.mebibytes());
    } finally {
      app.close();
      WorkFolders.deleteTree(inbox);
    }
  }

  /** A new copy of {@code cohort} for one pass (the copying is not timed). */
  private Path freshCopy(Path work, Path cohort, String what) throws IOException {
    passes++;
    Path copy = work.resolve(what + "-" + passes);
    WorkFolders.deleteTree(copy);
    copySubjects(cohort, copy, Integer.MAX_VALUE);
    return copy;
  }

  /** A series marker in every folder with files, as an exporter that writes one last. */
  private static void writeSeriesMarkers(Path cohort) throws IOException {
    try (Stream<Path> paths = Files.walk(cohort)) {
      for (Path folder : paths.filter(Files::isDirectory).toList()) {
        try (Stream<Path> entries = Files.list(folder)) {
          if (entries.anyMatch(Files::isRegularFile)) {
            Files.createFile(folder.resolve("SERIES_COMPLETE"));
          }
        }
      }
    }
  }

  private static void copySubjects(Path cohort, Path target, int subjects) throws IOException {
    List<Path> folders;
    try (Stream<Path> entries = Files.list(cohort)) {
      folders = entries.filter(Files::isDirectory).sorted().limit(subjects).toList();
    }
    for (Path folder : folders) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path p : paths.toList()) {
          Path copy = target.resolve(cohort.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(p, copy);
          }
        }
      }
    }
  }

  private static int subjectCount(Path cohort) throws IOException {
    try (Stream<Path> entries = Files.list(cohort)) {
      return (int) entries.filter(Files::isDirectory).count();
    }
  }

  private static int countFiles(Path cohort) throws IOException {
    try (Stream<Path> paths = Files.walk(cohort)) {
      return (int) paths.filter(Files::isRegularFile).count();
    }
  }

  /** The median files/s (or peak heap) over the rounds. */
  private static double median(List<Figure> figures, boolean rate) {
    double[] values = figures.stream()
        .mapToDouble(f -> rate ? f.filesPerSecond() : f.heapMebibytes()).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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
