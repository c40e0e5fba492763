package io.cohortflow.radiomics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IBSI intensity-based statistical features (18, tags {@code stat_*}) of the intensities in the
 * intensity mask, without discretisation.
 */
public final class IntensityStatistics {
  private IntensityStatistics() {
  }

  public static Map<String, Double> compute(ProcessedRoi roi) {
    double[] values = roi.intensities();
    DistributionFeatures d = new DistributionFeatures(values);
    Map<String, Double> f = new LinkedHashMap<>(d.describe("stat_", Map.of()));
    double energy = 0;
    for (double v : values) {
      energy += v * v;
    }
    f.put("stat_energy", energy);
    f.put("stat_rms", Math.sqrt(energy / values.length));
    return f;
  }
}
