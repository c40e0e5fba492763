package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the radiomics engine on one image and ROI mask for {@code cohortflow bench texture}: per
 * settings, the median seconds of a whole case (processing chain and every family the settings
 * ask for, as {@link RadiomicsExtractor} runs it, with its stage times) and of each texture family
 * on its own; then the throughput of whole cases with several workers in parallel.
 */
public final class TextureBenchmark {
  private final ImageVolume image;
  private final ImageVolume mask;

  /**
   * Median seconds of one settings' case.
   *
   * @param caseSeconds a whole case, wall time
   * @param stageSeconds the extractor's stages ({@code processing}, {@code morphology},
   *     {@code intensity}, {@code texture})
   * @param familySeconds each texture family computed alone on the discretised ROI
   */
  public record CaseTimes(double caseSeconds, Map<String, Double> stageSeconds,
      Map<TextureFamily, Double> familySeconds) {}

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

  /** Median times over {@code repetitions} runs, after one warm-up run. */
  public CaseTimes time(ModalitySettings settings, int repetitions) {
    RadiomicsExtractor extractor = extractor(settings);
    extractor.extract(image, mask);
    double[] cases = new double[repetitions];
    Map<String, double[]> stages = new LinkedHashMap<>();
    Map<TextureFamily, double[]> families = new EnumMap<>(TextureFamily.class);
    TextureSettings texture = settings.textureDiscretisations().isEmpty() ? null
        : TextureSettings.of(settings.families(), settings.twoDimensional(), 1).orElse(null);
    for (int r = 0; r < repetitions; r++) {
      long start = System.nanoTime();
      CaseFeatures result = extractor.extract(image, mask);
      cases[r] = seconds(start);
      final int run = r;
      result.seconds().forEach(
          (stage, s) -> stages.computeIfAbsent(stage, k -> new double[repetitions])[run] = s);
      if (texture != null) {
        DiscretisedImage roi = textureRoi(settings);
        for (TextureFamily family : texture.families()) {
          long familyStart = System.nanoTime();
          TextureFeatures.compute(roi, texture.only(family));
          families.computeIfAbsent(family, f -> new double[repetitions])[r] = seconds(familyStart);
        }
      }
    }
    Map<String, Double> stageMedians = new LinkedHashMap<>();
    stages.forEach((stage, times) -> stageMedians.put(stage, median(times)));
    Map<TextureFamily, Double> familyMedians = new EnumMap<>(TextureFamily.class);
    families.forEach((family, times) -> familyMedians.put(family, median(times)));
    return new CaseTimes(median(cases), stageMedians, familyMedians);
  }

  /** Runs {@code cases} whole cases, cycling through the settings, on a worker pool. */
  public Throughput throughput(List<ModalitySettings> settings, int workers, int cases)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < cases; c++) {
        RadiomicsExtractor extractor = extractor(settings.get(c % settings.size()));
        futures.add(pool.submit(() -> extractor.extract(image, mask)));
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

  private static RadiomicsExtractor extractor(ModalitySettings settings) {
    return new RadiomicsExtractor(settings, TextureFeatures.extractor(1), false);
  }

  /** The ROI as the extractor hands it to the texture families (first spacing and bins). */
  private DiscretisedImage textureRoi(ModalitySettings settings) {
    ProcessingSettings processing =
        settings.processing().withSpacing(settings.textureSpacings().get(0));
    return new ProcessingChain(processing, false).run(image, mask)
        .discretise(settings.textureDiscretisations().get(0));
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
