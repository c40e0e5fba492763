package io.cohortflow.radiomics;

import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the texture engine on an image and ROI mask through the full chain, for
 * {@code cohortflow bench texture}: per configuration, the median seconds per case of the
 * processing chain (with discretisation) and of each texture family; then the throughput of whole
 * cases (chain + every family) with several workers in parallel.
 */
public final class TextureBenchmark {
  private final ImageVolume image;
  private final ImageVolume mask;

  /** Median seconds of one configuration's case: processing chain, then each family. */
  public record CaseTimes(TexturePhantomConfiguration configuration, double chainSeconds,
      Map<TextureFamily, Double> familySeconds) {
    public double totalSeconds() {
      return chainSeconds + familySeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /** Throughput of whole cases with {@code workers} in parallel. */
  public record Throughput(int workers, int cases, double wallSeconds) {
    public double casesPerHour() {
      return cases / wallSeconds * 3600;
    }
  }

  public TextureBenchmark(ImageVolume image, ImageVolume mask) {
    this.image = image;
    this.mask = mask;
  }

  /** Reads a NIfTI image as an {@link ImageVolume} (scaled values, NIfTI voxel sizes). */
  public static ImageVolume readVolume(Path path) throws IOException {
    NiftiImage nifti = NiftiReader.read(path);
    double[] voxels = new double[Math.toIntExact(nifti.voxelCount())];
    for (int i = 0; i < voxels.length; i++) {
      voxels[i] = nifti.scaled(i);
    }
    double[] pixdim = nifti.header().pixdim();
    return ImageVolume.of(nifti.size(0), nifti.size(1), nifti.size(2),
        new double[] {pixdim[1], pixdim[2], pixdim[3]}, voxels);
  }

  /** Median times over {@code repetitions} runs, after one warm-up run. */
  public CaseTimes time(TexturePhantomConfiguration configuration, int repetitions) {
    runCase(configuration);
    double[] chain = new double[repetitions];
    Map<TextureFamily, double[]> families = new EnumMap<>(TextureFamily.class);
    for (int r = 0; r < repetitions; r++) {
      long start = System.nanoTime();
      DiscretisedImage discretised = configuration.discretise(image, mask);
      chain[r] = seconds(start);
      for (TextureFamily family : configuration.texture().families()) {
        long familyStart = System.nanoTime();
        TextureFeatures.compute(discretised, configuration.texture().only(family));
        families.computeIfAbsent(family, f -> new double[repetitions])[r] = seconds(familyStart);
      }
    }
    Map<TextureFamily, Double> medians = new EnumMap<>(TextureFamily.class);
    families.forEach((family, times) -> medians.put(family, median(times)));
    return new CaseTimes(configuration, median(chain), medians);
  }

  /** Runs {@code cases} whole cases, cycling through the configurations, on a worker pool. */
  public Throughput throughput(List<TexturePhantomConfiguration> configurations, int workers,
      int cases) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < cases; c++) {
        TexturePhantomConfiguration configuration = configurations.get(c % configurations.size());
        futures.add(pool.submit(() -> runCase(configuration)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      return new Throughput(workers, cases, seconds(start));
    } catch (ExecutionException e) {
      throw new RadiomicsException("benchmark case failed: " + e.getCause().getMessage(),
          e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, Double> runCase(TexturePhantomConfiguration configuration) {
    return TextureFeatures.compute(configuration.discretise(image, mask), configuration.texture());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
