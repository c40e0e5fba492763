package io.cohortflow.radiomics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IBSI intensity histogram features (23, tags {@code ih_*}) of the discretised grey levels 1..N_g in
 * the intensity mask. The histogram gradient uses central differences inside and one-sided
 * differences at the first and last bin; the mode is the lowest most frequent level.
 */
public final class IntensityHistogram {
  private IntensityHistogram() {
  }

  public static Map<String, Double> compute(ProcessedRoi roi, Discretisation discretisation) {
    Discretisation.Levels levels = discretisation.apply(roi.image().voxels(), roi.intensityMask(),
        roi.settings().rangeLow());
    boolean[] mask = roi.intensityMask();
    int[] l = levels.levels();
    int ng = levels.count();
    long[] histogram = new long[ng + 1];
    int n = 0;
    for (int i = 0; i < l.length; i++) {
      if (mask[i]) {
        histogram[l[i]]++;
        n++;
      }
    }
    double[] values = new double[n];
    int k = 0;
    for (int i = 0; i < l.length; i++) {
      if (mask[i]) {
        values[k++] = l[i];
      }
    }
    int mode = 1;
    for (int g = 1; g <= ng; g++) {
      if (histogram[g] > histogram[mode]) {
        mode = g;
      }
    }
    Map<String, Double> f = new LinkedHashMap<>(new DistributionFeatures(values)
        .describe("ih_", Map.of("ih_mode", (double) mode)));
    double entropy = 0;
    double uniformity = 0;
    for (int g = 1; g <= ng; g++) {
      double p = (double) histogram[g] / n;
      if (p > 0) {
        entropy -= p * Math.log(p) / Math.log(2);
      }
      uniformity += p * p;
    }
    f.put("ih_entropy", entropy);
    f.put("ih_uniformity", uniformity);
    putGradients(f, histogram, ng);
    return f;
  }

  private static void putGradients(Map<String, Double> f, long[] h, int ng) {
    double maxGrad = Double.NEGATIVE_INFINITY;
    double minGrad = Double.POSITIVE_INFINITY;
    int maxAt = 1;
    int minAt = 1;
    for (int g = 1; g <= ng; g++) {
      double grad;
      if (ng == 1) {
        grad = 0;
      } else if (g == 1) {
        grad = h[2] - h[1];
      } else if (g == ng) {
        grad = h[ng] - h[ng - 1];
      } else {
        grad = (h[g + 1] - h[g - 1]) / 2.0;
      }
      if (grad > maxGrad) {
        maxGrad = grad;
        maxAt = g;
      }
      if (grad < minGrad) {
        minGrad = grad;
        minAt = g;
      }
    }
    f.put("ih_max_grad", maxGrad);
    f.put("ih_max_grad_g", (double) maxAt);
    f.put("ih_min_grad", minGrad);
    f.put("ih_min_grad_g", (double) minAt);
  }
}
