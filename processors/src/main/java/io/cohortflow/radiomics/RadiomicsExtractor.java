package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extracts the configured IBSI features of one image + ROI mask: runs the processing chain, the
 * non-texture families on the result, and for every texture spacing × discretisation the texture
 * families through the {@link TextureExtractor}. Thread-safe: the batch runner shares one instance.
 */
public final class RadiomicsExtractor {
  private final ModalitySettings settings;
  private final TextureExtractor texture;
  private final boolean wholeImageDiagnostics;

  public RadiomicsExtractor(ModalitySettings settings, TextureExtractor texture,
      boolean wholeImageDiagnostics) {
    this.settings = settings;
    this.texture = texture;
    this.wholeImageDiagnostics = wholeImageDiagnostics;
  }

  /** @throws RadiomicsException when the case cannot be processed (grid mismatch, empty ROI) */
  public CaseFeatures extract(ImageVolume image, ImageVolume mask) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    long t = System.nanoTime();
    ProcessedRoi roi = new ProcessingChain(settings.processing(), wholeImageDiagnostics)
        .run(image, mask);
    t = lap(seconds, "processing", t);
    Map<String, Double> common = new LinkedHashMap<>();
    if (settings.extracts(FeatureFamily.MORPHOLOGY)) {
      common.putAll(Morphology.compute(roi));
    }
    t = lap(seconds, "morphology", t);
    if (settings.extracts(FeatureFamily.LOCAL_INTENSITY)) {
      common.putAll(LocalIntensity.compute(roi));
    }
    if (settings.extracts(FeatureFamily.STATISTICS)) {
      common.putAll(IntensityStatistics.compute(roi));
    }
    if (settings.extracts(FeatureFamily.INTENSITY_HISTOGRAM)) {
      common.putAll(IntensityHistogram.compute(roi, settings.histogramDiscretisation()));
    }
    if (settings.extracts(FeatureFamily.INTENSITY_VOLUME_HISTOGRAM)) {
      common.putAll(IntensityVolumeHistogram.compute(roi,
          settings.volumeHistogramDiscretisation()));
    }
    t = lap(seconds, "intensity", t);
    List<CaseFeatures.Row> rows = new ArrayList<>();
    if (!settings.extractsTexture() || settings.textureDiscretisations().isEmpty()) {
      rows.add(new CaseFeatures.Row(label(settings.processing().spacing(), null), common));
    } else {
      for (double[] spacing : settings.textureSpacings()) {
        ProcessedRoi textureRoi = Arrays.equals(spacing, settings.processing().spacing()) ? roi
            : new ProcessingChain(settings.processing().withSpacing(spacing), false)
                .run(image, mask);
        for (Discretisation d : settings.textureDiscretisations()) {
          Map<String, Double> features = new LinkedHashMap<>(common);
          features.putAll(texture.extract(textureRoi.discretise(d), settings.families(),
              settings.twoDimensional()));
          rows.add(new CaseFeatures.Row(label(spacing, d), features));
        }
      }
    }
    lap(seconds, "texture", t);
    return new CaseFeatures(roi.diagnostics(), rows, seconds);
  }

  private static long lap(Map<String, Double> seconds, String stage, long start) {
    long now = System.nanoTime();
    seconds.put(stage, (now - start) / 1e9);
    return now;
  }

  /** {@code scale2x2x2_FBS25}; {@code scale0x0x0} means the image's own spacing. */
  static String label(double[] spacing, Discretisation d) {
    StringBuilder b = new StringBuilder("scale");
    for (int a = 0; a < 3; a++) {
      double s = spacing[a];
      b.append(a > 0 ? "x" : "").append(s == Math.rint(s) ? Long.toString((long) s)
          : Double.toString(s));
    }
    return d == null ? b.toString() : b + "_" + d.label();
  }
}
