package io.cohortflow.cli;

import io.cohortflow.dicom.DicomFile;
import io.cohortflow.dicom.DicomReader;
import io.cohortflow.dicom.ExtractionTags;
import io.cohortflow.dicom.SyntheticSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench dicom}: header-read throughput of the DICOM reader (extraction tag set and
 * full header) beside pydicom's {@code dcmread(stop_before_pixels=True)} and the I/O floor (open,
 * read 16 KiB, close) on the same files, single-threaded, warm page cache.
 */
@Command(
    name = "dicom",
    mixinStandardHelpOptions = true,
    description = {
      "DICOM header-read throughput (files/s) against pydicom and the I/O floor, on one thread.",
      "Generates a CT-like (512x512x16 bit) and an MR series with the writer unless --dir holds .dcm files."
    })
final class DicomBenchCommand implements Callable<Integer> {
  private static final int FLOOR_BYTES = 16 * 1024;
  /** Untimed passes first, so that the JIT has compiled the reader and the page cache holds the files. */
  private static final int WARM_UP_PASSES = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--files", defaultValue = "2000", description = "Files to generate, half CT, half MR (default ${DEFAULT-VALUE}; the issue's full size is 10000).")
  int files;

  @Option(names = "--dir", description = "Folder of .dcm files to read (generated there if it has none). Default: a temporary folder.")
  Path dir;

  @Option(names = "--keep", description = "Keep the generated files.")
  boolean keep;

  @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds per method; the best is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--first-read", defaultValue = "" + DicomReader.DEFAULT_FIRST_READ,
      description = "Bytes the reader reads in its first call per file (default ${DEFAULT-VALUE}).")
  int firstRead;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with pydicom (default ${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean temporary = dir == null;
    Path folder = temporary ? Files.createTempDirectory("cohortflow-bench-dicom") : Files.createDirectories(dir);
    try {
      List<Path> paths = listDicom(folder);
      if (paths.isEmpty()) {
        paths = generate(folder, out);
      }
      run(paths, out);
    } finally {
      if (temporary && !keep) {
        WorkFolders.deleteTree(folder);
      } else {
        out.println("files kept in " + folder);
      }
    }
    return ExitCodes.OK;
  }

  private List<Path> generate(Path folder, PrintWriter out) throws IOException {
    long start = System.nanoTime();
    List<Path> paths = new ArrayList<>(files);
    paths.addAll(new SyntheticSeries(SyntheticSeries.Kind.CT, 1).write(folder, files / 2));
    paths.addAll(new SyntheticSeries(SyntheticSeries.Kind.MR, 2).write(folder, files - files / 2));
    out.printf(Locale.ROOT, "generated %d files (%d CT 512x512, %d MR 256x256) in %s in %.1f s%n",
        paths.size(), files / 2, files - files / 2, folder, (System.nanoTime() - start) / 1e9);
    out.flush();
    return paths;
  }

  private void run(List<Path> paths, PrintWriter out) throws Exception {
    DicomReader extraction = ExtractionTags.reader().withFirstRead(firstRead);
    DicomReader header = DicomReader.headerReader().withFirstRead(firstRead);
    for (int warmUp = 0; warmUp < WARM_UP_PASSES; warmUp++) {
      ioFloor(paths);
      readAll(extraction, paths);
      readAll(header, paths);
    }
    List<Pass> passes = List.of(() -> ioFloor(paths), () -> readAll(extraction, paths), () -> readAll(header, paths));
    double[] best = new double[passes.size()];
    long checksum = 0;
    for (int round = 0; round < rounds; round++) {
      // Each round starts with a different method, so no method always follows the same one.
      for (int k = 0; k < passes.size(); k++) {
        int method = (round + k) % passes.size();
        long start = System.nanoTime();
        checksum += passes.get(method).run();
        best[method] = Math.max(best[method], paths.size() / ((System.nanoTime() - start) / 1e9));
      }
    }
    double floor = best[0];
    double extract = best[1];
    double full = best[2];
    out.printf(Locale.ROOT, "(checksum %d)%n", checksum);
    Double pydicom = pydicomRate(paths, out);
    out.printf(Locale.ROOT, "DICOM header reads, %d files, 1 thread, warm page cache, first read %d bytes,"
        + " best of %d interleaved rounds%n", paths.size(), firstRead, rounds);
    out.printf(Locale.ROOT, "  %-44s %10.0f files/s%n", "I/O floor (open, read 16 KiB, close)", floor);
    out.printf(Locale.ROOT, "  %-44s %10.0f files/s   %.2fx the I/O floor's time%n",
        "cohortflow, extraction tags", extract, floor / extract);
    out.printf(Locale.ROOT, "  %-44s %10.0f files/s   %.2fx the I/O floor's time%n",
        "cohortflow, full header", full, floor / full);
    if (pydicom != null) {
      out.printf(Locale.ROOT, "  %-44s %10.0f files/s%n", "pydicom dcmread(stop_before_pixels=True)", pydicom);
      out.printf(Locale.ROOT, "  speed-up over pydicom: extraction tags %.1fx, full header %.1fx%n",
          extract / pydicom, full / pydicom);
    }
    out.flush();
  }

  /** One timed pass over all files; returns a checksum so the work cannot be optimised away. */
  private interface Pass {
    long run() throws IOException;
  }

  private static long readAll(DicomReader reader, List<Path> paths) throws IOException {
    long elements = 0;
    for (Path path : paths) {
      DicomFile file = reader.read(path);
      elements += file.dataset().size();
    }
    return elements;
  }

  private static long ioFloor(List<Path> paths) throws IOException {
    long bytes = 0;
    byte[] buffer = new byte[FLOOR_BYTES];
    for (Path path : paths) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        bytes += channel.read(ByteBuffer.wrap(buffer), 0);
      }
    }
    return bytes;
  }

  /** pydicom's rate on the same files (one Python process), or null when Python has no pydicom. */
  private Double pydicomRate(List<Path> paths, PrintWriter out) throws IOException, InterruptedException {
    Path list = Files.createTempFile("bench-dicom", ".txt");
    try {
      Files.write(list, paths.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
      String script = String.join("\n",
          "import sys, time",
          "from pydicom import dcmread",
          "paths = open(sys.argv[1]).read().split('\\n')",
          "paths = [p for p in paths if p]",
          "best = 0.0",
          "for _ in range(int(sys.argv[2])):",
          "    start = time.perf_counter()",
          "    for p in paths:",
          "        dcmread(p, stop_before_pixels=True)",
          "    best = max(best, len(paths) / (time.perf_counter() - start))",
          "print(best)");
      Process p = new ProcessBuilder(python, "-c", script, list.toString(), Integer.toString(Math.min(rounds, 2)))
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
        out.println("pydicom skipped (" + python + " has no pydicom?): " + output.lines().reduce((a, b) -> b).orElse(""));
        return null;
      }
      return Double.parseDouble(output.lines().reduce((a, b) -> b).orElseThrow());
    } catch (IOException e) {
      out.println("pydicom skipped: " + e.getMessage());
      return null;
    } finally {
      Files.deleteIfExists(list);
    }
  }

  private static List<Path> listDicom(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
    }
  }
}
