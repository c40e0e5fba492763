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
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench extract}: end-to-end extraction throughput into a fresh embedded MariaDB
 * beside the parse-only rate of the same files, for 1 and 2 workers, and the peak heap.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Extraction throughput: end-to-end into the embedded MariaDB vs parse-only.")
final class ExtractBenchCommand implements Callable<Integer> {
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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? dir : Files.createTempDirectory("cohortflow-bench-extract");
    try {
      Path cohort = work.resolve("cohort");
      int written = Files.isRegularFile(cohort.resolve(SampleCohort.GROUND_TRUTH))
          ? countFiles(cohort) : SampleCohort.write(cohort, Math.max(1, files / filesPerSubject()), 11,
          slices);
      out.printf("cohort: %d files in %s%n", written, cohort);
      out.printf("%-8s %16s %16s %8s   %s%n", "workers", "parse-only f/s", "end-to-end f/s",
          "ratio", "CPU us/file: parse-only | end-to-end java + server");
      double peak = 0;
      for (int w : workers) {
        Rate parse = parseOnly(cohort, w);
        Rate endToEnd;
        try (HeapPeak heap = HeapPeak.start()) {
          endToEnd = endToEnd(work.resolve("db-" + w), cohort, w);
          peak = Math.max(peak, heap.mebibytes());
        }
        out.printf("%-8d %16.0f %16.0f %7.0f%%   %.0f | %.0f + %.0f%n", w, parse.filesPerSecond(),
            endToEnd.filesPerSecond(), 100 * endToEnd.filesPerSecond() / parse.filesPerSecond(),
            parse.javaCpuMicros(), endToEnd.javaCpuMicros(), endToEnd.serverCpuMicros());
        out.flush();
      }
      out.printf("cores: %d%n", Runtime.getRuntime().availableProcessors());
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
  private record Rate(double filesPerSecond, double javaCpuMicros, double serverCpuMicros) {}

  private static Rate parseOnly(Path cohort, int workers) throws Exception {
    List<Path> paths;
    try (var walk = Files.walk(cohort)) {
      paths = walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".csv")).toList();
    }
    DicomHeaderReader reader = new DicomHeaderReader();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    AtomicInteger next = new AtomicInteger();
    long cpu = javaCpuNanos();
    long start = System.nanoTime();
    List<Future<?>> tasks = new ArrayList<>();
    for (int t = 0; t < workers; t++) {
      tasks.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < paths.size(); i = next.getAndIncrement()) {
          Path p = paths.get(i);
          reader.read(p, p.toString());
        }
        return null;
      }));
    }
    for (Future<?> task : tasks) {
      task.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Rate(paths.size() / seconds, (javaCpuNanos() - cpu) / 1e3 / paths.size(), 0);
  }

  private Rate endToEnd(Path dbDir, Path cohort, int workers) throws Exception {
    WorkFolders.deleteTree(dbDir);
    try (Database db = Database.openMigrated(DatabaseSettings.embedded(dbDir), workers + 2)) {
      ExtractionOptions options = new ExtractionOptions(cohort, "bench", workers, batchSize, true,
          false, false);
      long cpu = javaCpuNanos();
      long serverCpu = serverCpuNanos(dbDir);
      long start = System.nanoTime();
      ExtractionSummary summary = new CohortExtractor(options, new DicomHeaderReader(),
          new ExtractionWriter(db.dataSource()), PatientIdentifiers.withSecret("bench"),
          new ExtractionListener() {}).run();
      double seconds = (System.nanoTime() - start) / 1e9;
      long files = summary.filesImported();
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
