package io.cohortflow.cli;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.DicomHeaderReader;
import io.cohortflow.extraction.ExtractionListener;
import io.cohortflow.extraction.ExtractionOptions;
import io.cohortflow.extraction.ExtractionSummary;
import io.cohortflow.extraction.ParseOnly;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.extraction.SampleCohort;
import io.cohortflow.store.Database;
import io.cohortflow.store.DatabaseSettings;
import io.cohortflow.store.ExtractionWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench extract}: end-to-end extraction throughput into a fresh embedded MariaDB
 * beside the parse-only rate of the same files, for 1 and 2 workers, and the peak heap. Parse-only
 * is everything extraction does without the database ({@link ParseOnly}); after one uncounted
 * warm-up pass of each (page cache, JIT), the two alternate round by round on the same files with
 * the same worker count, and medians are printed with the CPU time per file of this JVM and of
 * the server.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Extraction throughput: end-to-end into the embedded MariaDB vs parse-only.")
final class ExtractBenchCommand implements Callable<Integer> {
  private static final PatientIdentifiers IDENTIFIERS = PatientIdentifiers.withSecret("bench");

  @Option(names = "--files", defaultValue = "20000", paramLabel = "N",
      description = "About how many files to generate (default ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--slices", defaultValue = "64", paramLabel = "N",
      description = "Slices per series: 64 gives about 650 files per subject, as in a real"
          + " MR + CT + PET exam (default ${DEFAULT-VALUE}).")
  int slices;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Work folder (kept); default: a temporary folder, deleted afterwards.")
  Path dir;

  @Option(names = "--workers", split = ",", defaultValue = "1,2", paramLabel = "N[,N]",
      description = "Worker counts to measure (default: ${DEFAULT-VALUE}).")
  List<Integer> workers;

  @Option(names = "--batch-size", defaultValue = "1000", paramLabel = "N",
      description = "Instances per transaction (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
      description = "Rounds per worker count, parse-only and end-to-end alternating; medians are"
          + " printed (default: ${DEFAULT-VALUE}).")
  int rounds;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (files < 1 || slices < 1 || batchSize < 1 || rounds < 1
        || workers.stream().anyMatch(w -> w < 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--files, --slices, --workers, --batch-size and --rounds must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? dir : Files.createTempDirectory("cohortflow-bench-extract");
    try {
      Path cohort = work.resolve("cohort");
      int written = Files.isRegularFile(cohort.resolve(SampleCohort.GROUND_TRUTH))
          ? countFiles(cohort) : SampleCohort.write(cohort, Math.max(1, files / filesPerSubject()), 11,
          slices);
      out.printf("cohort: %d files in %s; load average %.1f%n", written, cohort, loadAverage());
      // One untimed pass of each brings the files into the page cache and both code paths
      // through the JIT, so that no measured round pays for compiling what the other ran first.
      int most = workers.stream().mapToInt(Integer::intValue).max().orElseThrow();
      Rate coldParse = parseOnly(cohort, most);
      Rate coldEndToEnd = endToEnd(work.resolve("db-warm-up"), cohort, most);
      out.printf("warm-up, not counted (cold JVM), workers %d: parse-only %.0f f/s (%.0f us/file),"
          + " end-to-end %.0f f/s (%.0f + %.0f us/file)%n", most, coldParse.filesPerSecond(),
          coldParse.javaCpuMicros(), coldEndToEnd.filesPerSecond(), coldEndToEnd.javaCpuMicros(),
          coldEndToEnd.serverCpuMicros());
      int cores = Runtime.getRuntime().availableProcessors();
      double peak = 0;
      List<String> table = new ArrayList<>();
      for (int w : workers) {
        List<Rate> parse = new ArrayList<>();
        List<Rate> endToEnd = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          parse.add(parseOnly(cohort, w));
          try (HeapPeak heap = HeapPeak.start()) {
            endToEnd.add(endToEnd(work.resolve("db-" + w), cohort, w));
            peak = Math.max(peak, heap.mebibytes());
          }
          Rate p = parse.get(round - 1);
          Rate e = endToEnd.get(round - 1);
          out.printf("workers %d, round %d: parse-only %.0f f/s (%.0f us/file), end-to-end %.0f"
              + " f/s (%.0f + %.0f us/file), load %.1f%n", w, round, p.filesPerSecond(),
              p.javaCpuMicros(), e.filesPerSecond(), e.javaCpuMicros(), e.serverCpuMicros(),
              loadAverage());
          out.flush();
        }
        Rate p = Rate.median(parse);
        Rate e = Rate.median(endToEnd);
        table.add(String.format("%-8d %15.0f %15.0f %6.0f%%   %5.0f | %4.0f + %4.0f   %11.0f", w,
            p.filesPerSecond(), e.filesPerSecond(), 100 * e.filesPerSecond() / p.filesPerSecond(),
            p.javaCpuMicros(), e.javaCpuMicros(), e.serverCpuMicros(),
            cores * 1e6 / (e.javaCpuMicros() + e.serverCpuMicros())));
      }
      out.printf("medians of %d rounds; CPU-bound rate = cores / (java + server CPU per file)%n",
          rounds);
      out.printf("%-8s %15s %15s %7s   %s   %s%n", "workers", "parse-only f/s", "end-to-end f/s",
          "ratio", "CPU us/file: parse-only | end-to-end java + server", "CPU-bound f/s");
      table.forEach(out::println);
      out.printf("cores: %d, load average %.1f%n", cores, loadAverage());
      out.printf("peak heap during end-to-end runs: %.0f MiB (max heap %.0f MiB)%n", peak,
          Runtime.getRuntime().maxMemory() / 1048576.0);
      return ExitCodes.OK;
    } finally {
      if (dir == null) {
        WorkFolders.deleteTree(work);
      }
    }
  }

  /** The sample writes 10 files per slice index and subject, plus the 2 localizer images. */
  private int filesPerSubject() {
    return 10 * slices + 2;
  }

  private static int countFiles(Path cohort) throws Exception {
    try (var paths = Files.walk(cohort)) {
      return (int) paths.filter(Files::isRegularFile).count() - 1;
    }
  }

  /** A measured rate with the CPU time per file spent by this JVM and by the database server. */
  private record Rate(double filesPerSecond, double javaCpuMicros, double serverCpuMicros) {
    /** Each figure's median over the rounds. */
    static Rate median(List<Rate> rates) {
      return new Rate(median(rates, Rate::filesPerSecond), median(rates, Rate::javaCpuMicros),
          median(rates, Rate::serverCpuMicros));
    }

    private static double median(List<Rate> rates, ToDoubleFunction<Rate> figure) {
      double[] values = rates.stream().mapToDouble(figure).sorted().toArray();
      int mid = values.length / 2;
      return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
  }

  private static Rate parseOnly(Path cohort, int workers) throws Exception {
    long cpu = javaCpuNanos();
    long start = System.nanoTime();
    ParseOnly.Result result = ParseOnly.run(options(cohort, workers, 1), new DicomHeaderReader(),
        IDENTIFIERS);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Rate(result.files() / seconds, (javaCpuNanos() - cpu) / 1e3 / result.files(), 0);
  }

  private static ExtractionOptions options(Path cohort, int workers, int batchSize) {
    return new ExtractionOptions(cohort, "bench", workers, batchSize, true, false, false);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private Rate endToEnd(Path dbDir, Path cohort, int workers) throws Exception {
    WorkFolders.deleteTree(dbDir);
    try (Database db = Database.openMigrated(DatabaseSettings.embedded(dbDir), workers + 2)) {
      long cpu = javaCpuNanos();
      long serverCpu = serverCpuNanos(dbDir);
      long start = System.nanoTime();
      ExtractionSummary summary = new CohortExtractor(options(cohort, workers, batchSize),
          new DicomHeaderReader(), new ExtractionWriter(db.dataSource()), IDENTIFIERS,
          new ExtractionListener() {}).run();
      double seconds = (System.nanoTime() - start) / 1e9;
      long files = summary.filesImported();
      if (files != summary.filesFound()) {
        throw new IllegalStateException("end-to-end imported " + files + " of "
            + summary.filesFound() + " files; the rate would not be comparable");
      }
      return new Rate(files / seconds, (javaCpuNanos() - cpu) / 1e3 / files,
          (serverCpuNanos(dbDir) - serverCpu) / 1e3 / files);
    }
  }

  private static long javaCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** CPU time of the embedded server (Linux /proc; 0 where that is not available). */
  private static long serverCpuNanos(Path dbDir) {
    try {
      String pid = Files.readString(dbDir.resolve("mariadbd.pid")).trim();
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }
}
