package io.cohortflow.cli;

import io.cohortflow.annotations.AnnotationDataset;
import io.cohortflow.annotations.AnnotationOptions;
import io.cohortflow.annotations.BatchListener;
import io.cohortflow.annotations.BatchOutcome;
import io.cohortflow.annotations.ComponentSplit;
import io.cohortflow.annotations.DataMode;
import io.cohortflow.annotations.ExtractionMode;
import io.cohortflow.annotations.NiftiInputs;
import io.cohortflow.annotations.SavingMode;
import io.cohortflow.annotations.View;
import io.cohortflow.nifti.NiftiDatatype;
import io.cohortflow.nifti.NiftiHeader;
import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiReader;
import io.cohortflow.nifti.NiftiWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench annotations}: generates labelled uint8 masks (5 ellipsoid blobs each,
 * gzip), then prints the NIfTI read rate alone and files/s and voxels/s of the annotation run for
 * axial/case/slice/center and volume/box with 1 and 2 workers, and the time of the Python stand-in
 * of nidataset ({@code tools/nidataset-standin.py}) on the same files, checking both outputs agree.
 */
@Command(
    name = "annotations",
    mixinStandardHelpOptions = true,
    description = "Benchmark of NIfTI reading and annotation extraction (prints figures).")
final class AnnotationsBenchCommand implements Callable<Integer> {
  private static final int BLOBS = 5;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--files", defaultValue = "4", description = "Number of masks (the issue's full size: 20).")
  int files;

  @Option(names = "--shape", defaultValue = "512,512,200", split = ",", description = "Mask shape X,Y,Z.")
  int[] shape;

  @Option(names = "--dir", description = "Work folder (kept, and masks reused when present); default: a temporary folder.")
  Path dir;

  @Option(names = "--repeat", defaultValue = "3", description = "Timed passes per figure; the best is printed (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with nibabel for the nidataset stand-in; 'none' to skip it.")
  String python;

  @Override
  public Integer call() throws Exception {
    if (shape.length != 3 || files < 1 || repeat < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--shape needs X,Y,Z; --files and --repeat at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("cohortflow-bench-annotations") : dir;
    try {
      Path masks = generate(work.resolve("masks"), out);
      List<Path> inputs = NiftiInputs.listFolder(masks);
      long voxels = (long) shape[0] * shape[1] * shape[2] * inputs.size();
      out.printf("%d masks of %dx%dx%d uint8 voxels, %.2f MB of gzip files%n", inputs.size(),
          shape[0], shape[1], shape[2], folderBytes(masks) / 1e6);
      // A first pass in a cold JVM, reported apart, so the other figures are not those of the JIT.
      double cold = timeRun(inputs, work.resolve("out-cold"), ExtractionMode.SLICE, 1);
      out.printf("annotations axial/case/slice/center, cold JVM (first pass), 1 worker: %.2f files/s (%.2f s)%n",
          inputs.size() / cold, cold);
      out.printf("machine: %d cores, load average %.1f; figures are the best of %d passes%n",
          Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          repeat);
      double readSeconds = best(() -> timeReads(inputs));
      out.printf("NIfTI read (gunzip + decode) alone: %.1f MB/s of voxel data (%.2f s)%n",
          voxels / 1e6 / readSeconds, readSeconds);
      double cohortflowSeconds = 0;
      for (ExtractionMode mode : ExtractionMode.values()) {
        for (int workers = 1; workers <= 2; workers++) {
          Path output = work.resolve("out-" + mode + "-" + workers);
          int threads = workers;
          double seconds = best(() -> timeRun(inputs, output, mode, threads));
          if (mode == ExtractionMode.SLICE && workers == 1) {
            cohortflowSeconds = seconds;
          }
          out.printf("annotations axial/case/%s/%s, %d worker(s): %.2f files/s, %.1f Mvoxels/s (%.2f s)%n",
              mode.name().toLowerCase(), mode == ExtractionMode.SLICE ? "center" : "box", workers,
              inputs.size() / seconds, voxels / 1e6 / seconds, seconds);
        }
      }
      standIn(masks, work, cohortflowSeconds, out);
      out.flush();
      return ExitCodes.OK;
    } finally {
      if (temporary) {
        WorkFolders.deleteTree(work);
      }
    }
  }

  private Path generate(Path masks, PrintWriter out) throws IOException {
    Files.createDirectories(masks);
    Random random = new Random(20240501L);
    for (int n = 0; n < files; n++) {
      Path path = masks.resolve(String.format("mask_%03d.nii.gz", n));
      byte[] voxels = blobs(random);
      if (!Files.exists(path)) {
        double[][] affine = {{0.8, 0, 0, 0}, {0, 0.8, 0, 0}, {0, 0, 1.5, 0}, {0, 0, 0, 1}};
        NiftiHeader header = NiftiHeader.forImage(shape, NiftiDatatype.UINT8, affine);
        NiftiWriter.write(new NiftiImage(header, voxels), path);
        out.printf("generated %s%n", path.getFileName());
        out.flush();
      }
    }
    return masks;
  }

  /** Five ellipsoids with labels 1..5 at seeded random places and sizes. */
  private byte[] blobs(Random random) {
    int nx = shape[0];
    int ny = shape[1];
    int nz = shape[2];
    byte[] voxels = new byte[nx * ny * nz];
    for (int label = 1; label <= BLOBS; label++) {
      double[] radius = {8 + random.nextInt(Math.max(1, nx / 12)), 8 + random.nextInt(Math.max(1, ny / 12)),
          4 + random.nextInt(Math.max(1, nz / 12))};
      int[] centre = {random.nextInt(nx), random.nextInt(ny), random.nextInt(nz)};
      for (int z = Math.max(0, centre[2] - (int) radius[2]); z <= Math.min(nz - 1, centre[2] + radius[2]); z++) {
        for (int y = Math.max(0, centre[1] - (int) radius[1]); y <= Math.min(ny - 1, centre[1] + radius[1]); y++) {
          for (int x = Math.max(0, centre[0] - (int) radius[0]); x <= Math.min(nx - 1, centre[0] + radius[0]); x++) {
            double dx = (x - centre[0]) / radius[0];
            double dy = (y - centre[1]) / radius[1];
            double dz = (z - centre[2]) / radius[2];
            if (dx * dx + dy * dy + dz * dz <= 1) {
              voxels[x + nx * (y + ny * z)] = (byte) label;
            }
          }
        }
      }
    }
    return voxels;
  }

  /** A timed pass that may fail. */
  private interface Pass {
    double seconds() throws IOException, InterruptedException;
  }

  private double best(Pass pass) throws IOException, InterruptedException {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < repeat; i++) {
      best = Math.min(best, pass.seconds());
    }
    return best;
  }

  private static double timeReads(List<Path> inputs) throws IOException {
    NiftiReader reader = new NiftiReader();
    long start = System.nanoTime();
    for (Path input : inputs) {
      reader.readImage(input);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double timeRun(List<Path> inputs, Path output, ExtractionMode mode, int workers)
      throws IOException, InterruptedException {
    AnnotationOptions options = new AnnotationOptions(View.AXIAL, SavingMode.CASE, mode,
        mode == ExtractionMode.SLICE ? DataMode.CENTER : DataMode.BOX, null, false,
        ComponentSplit.NONE, false);
    long start = System.nanoTime();
    BatchOutcome outcome = new AnnotationDataset(options, new NiftiReader(), workers)
        .run(inputs, output, BatchListener.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (outcome.hasFailures()) {
      throw new IllegalStateException("benchmark run failed: " + outcome.failures());
    }
    return seconds;
  }

  private void standIn(Path masks, Path work, double cohortflowSeconds, PrintWriter out)
      throws IOException, InterruptedException {
    Path script = locateTool("nidataset-standin.py");
    if (python.equals("none") || script == null) {
      out.println("nidataset stand-in: skipped" + (script == null ? " (tools/nidataset-standin.py not found)" : ""));
      return;
    }
    Path output = work.resolve("out-standin");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(python, script.toString(), masks.toString(), output.toString())
        .inheritIO().start();
    if (process.waitFor() != 0) {
      out.println("nidataset stand-in: failed (exit " + process.exitValue() + "), no comparison");
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean same = sameTree(output, work.resolve("out-SLICE-1"));
    out.printf("nidataset stand-in (Python, nibabel + numpy), axial/case/slice/center: %.2f files/s (%.2f s)%n",
        files / seconds, seconds);
    out.printf("speed-up of cohortflow (1 worker) over the stand-in: %.1fx; outputs identical: %s%n",
        seconds / cohortflowSeconds, same ? "yes" : "NO");
  }

  private static Path locateTool(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("tools").resolve(name))) {
        return d.resolve("tools").resolve(name);
      }
    }
    return null;
  }

  private static boolean sameTree(Path a, Path b) throws IOException {
    List<Path> left = relativeFiles(a);
    if (!left.equals(relativeFiles(b))) {
      return false;
    }
    for (Path file : left) {
      if (Files.mismatch(a.resolve(file), b.resolve(file)) != -1) {
        return false;
      }
    }
    return true;
  }

  private static List<Path> relativeFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  private static long folderBytes(Path folder) throws IOException {
    try (Stream<Path> walk = Files.list(folder)) {
      long total = 0;
      for (Path p : walk.toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }
}
