package io.cohortflow.cli;

import io.cohortflow.radiomics.BatchExtraction;
import io.cohortflow.radiomics.CaseFeatures;
import io.cohortflow.radiomics.CaseOutcome;
import io.cohortflow.radiomics.ImageVolume;
import io.cohortflow.radiomics.RadiomicsExtractor;
import io.cohortflow.radiomics.RadiomicsSettings;
import io.cohortflow.radiomics.RoiCase;
import io.cohortflow.radiomics.TextureExtractor;
import io.cohortflow.radiomics.VolumeLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench radiomics}: seconds per case of the non-texture families on the IBSI CT
 * phantom (median of several runs, with the time of each stage), then cases per hour of a batch
 * of copies on a number of workers, loading included.
 */
@Command(name = "radiomics", mixinStandardHelpOptions = true,
    description = "Seconds per case and cases/hour of radiomics extraction (non-texture families).")
final class RadiomicsBenchCommand implements Callable<Integer> {
  @Option(names = "--image", paramLabel = "NIFTI",
      defaultValue = "${env:COHORTFLOW_SHARED:-../shared}/data/ibsi/ct_phantom/nifti/image/phantom.nii.gz",
      description = "Image (default: the IBSI CT phantom under ../shared).")
  Path image;

  @Option(names = "--mask", paramLabel = "NIFTI",
      defaultValue = "${env:COHORTFLOW_SHARED:-../shared}/data/ibsi/ct_phantom/nifti/mask/mask.nii.gz",
      description = "ROI mask (default: the CT phantom's GTV).")
  Path mask;

  @Option(names = "--settings", paramLabel = "FILE", split = ",",
      defaultValue = "config/ibsi/config-C.json,config/ibsi/config-D.json",
      description = "Settings files to time (default: ${DEFAULT-VALUE}).")
  List<Path> settings;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per settings file"
      + " after one warm-up (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--copies", defaultValue = "20", description = "Cases in the batch run"
      + " (default: ${DEFAULT-VALUE}).")
  int copies;

  @Option(names = "--workers", defaultValue = "2", description = "Workers of the batch run"
      + " (default: ${DEFAULT-VALUE}).")
  int workers;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ImageVolume img = VolumeLoader.read(image);
    ImageVolume roi = VolumeLoader.read(mask);
    out.printf("Image %s (%dx%dx%d), %d cores%n", image, img.nx(), img.ny(), img.nz(),
        Runtime.getRuntime().availableProcessors());
    for (Path file : settings) {
      RadiomicsSettings parsed = RadiomicsSettings.read(file);
      RadiomicsExtractor extractor = new RadiomicsExtractor(parsed.single(), TextureExtractor.NONE,
          false);
      extractor.extract(img, roi);
      List<Double> totals = new ArrayList<>();
      Map<String, List<Double>> stages = new LinkedHashMap<>();
      for (int r = 0; r < repeats; r++) {
        long start = System.nanoTime();
        CaseFeatures f = extractor.extract(img, roi);
        totals.add((System.nanoTime() - start) / 1e9);
        f.seconds().forEach((k, v) -> stages.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      }
      StringBuilder split = new StringBuilder();
      stages.forEach((k, v) -> split.append(String.format(" %s %.3f s,", k, median(v))));
      out.printf("%s: %.3f s per case (median of %d; image already in memory):%s%n",
          file.getFileName(), median(totals), repeats, split.substring(0, split.length() - 1));
      List<RoiCase> cases = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        cases.add(new RoiCase("copy" + i, "GTV", "", image,
            List.of(new RoiCase.MaskTerm(mask, false)), null));
      }
      long start = System.nanoTime();
      List<CaseOutcome> outcomes = new BatchExtraction(parsed, TextureExtractor.NONE, false)
          .run(cases, workers, o -> { });
      double seconds = (System.nanoTime() - start) / 1e9;
      long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
      out.printf("%s: %d copies on %d workers in %.1f s = %.0f cases/hour (loading included)%s%n",
          file.getFileName(), copies, workers, seconds, copies * 3600 / seconds,
          failed > 0 ? ", " + failed + " FAILED" : "");
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
