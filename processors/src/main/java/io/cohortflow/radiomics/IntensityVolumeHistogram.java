package io.cohortflow.radiomics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IBSI intensity-volume histogram features (tags {@code ivh_*}). Intensities are taken as they are
 * with a step of 1 (no discretisation: integer units such as HU), as the centres of fixed-size bins
 * (FBS), or as FBN grey levels. The range starts at the lower re-segmentation bound (or the ROI
 * minimum) and ends at the upper bound (or the ROI maximum). V_x is the volume fraction at the
 * lowest intensity whose fraction of the range is at least x; I_x the lowest intensity whose volume
 * fraction is at most x. The area under the curve is not standardised by IBSI (trapezoids over the
 * intensity fraction).
 */
public final class IntensityVolumeHistogram {
  private IntensityVolumeHistogram() {
  }

  /** @param discretisation {@code null} for none */
  public static Map<String, Double> compute(ProcessedRoi roi, Discretisation discretisation) {
    ProcessingSettings s = roi.settings();
    double[] values;
    double low;
    double high;
    double step;
    double[] raw = roi.intensities();
    double min = Arrays.stream(raw).min().orElseThrow();
    double max = Arrays.stream(raw).max().orElseThrow();
    if (discretisation == null) {
      values = raw;
      step = 1;
      low = s.hasRangeLow() ? s.rangeLow() : min;
      high = s.hasRangeHigh() ? s.rangeHigh() : max;
    } else {
      Discretisation.Levels levels = discretisation.apply(roi.image().voxels(),
          roi.intensityMask(), s.rangeLow());
      int[] all = levels.levels();
      boolean[] mask = roi.intensityMask();
      values = new double[raw.length];
      int k = 0;
      for (int i = 0; i < all.length; i++) {
        if (mask[i]) {
          values[k++] = all[i];
        }
      }
      int topLevel = levels.count();
      if (discretisation.type() == Discretisation.Type.FBS) {
        double w = discretisation.value();
        if (s.hasRangeHigh()) {
          topLevel = (int) Math.floor((s.rangeHigh() - levels.minimum()) / w) + 1;
        }
        for (int i = 0; i < values.length; i++) {
          values[i] = levels.minimum() + (values[i] - 0.5) * w;
        }
        step = w;
        low = levels.minimum() + 0.5 * w;
        high = levels.minimum() + (topLevel - 0.5) * w;
      } else {
        step = 1;
        low = 1;
        high = topLevel;
      }
    }
    return features(values, low, high, step);
  }

  private static Map<String, Double> features(double[] values, double low, double high,
      double step) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int steps = (int) Math.round((high - low) / step);
    double[] intensity = new double[steps + 1];
    double[] volume = new double[steps + 1];
    double[] fraction = new double[steps + 1];
    for (int k = 0; k <= steps; k++) {
      intensity[k] = low + k * step;
      volume[k] = (double) (sorted.length - lowerBound(sorted, intensity[k] - step * 1e-9))
          / sorted.length;
      fraction[k] = steps == 0 ? 0 : (double) k / steps;
    }
    Map<String, Double> f = new LinkedHashMap<>();
    double v10 = volumeAt(fraction, volume, 0.10);
    double v90 = volumeAt(fraction, volume, 0.90);
    double i10 = intensityAt(intensity, volume, 0.10);
    double i90 = intensityAt(intensity, volume, 0.90);
    f.put("ivh_v10", v10);
    f.put("ivh_v90", v90);
    f.put("ivh_i10", i10);
    f.put("ivh_i90", i90);
    f.put("ivh_diff_v10_v90", v10 - v90);
    f.put("ivh_diff_i10_i90", i10 - i90);
    double auc = 0;
    for (int k = 1; k <= steps; k++) {
      auc += (fraction[k] - fraction[k - 1]) * (volume[k] + volume[k - 1]) / 2;
    }
    f.put("ivh_auc", auc);
    return f;
  }

  private static double volumeAt(double[] fraction, double[] volume, double x) {
    for (int k = 0; k < fraction.length; k++) {
      if (fraction[k] >= x - 1e-12) {
        return volume[k];
      }
    }
    return 0;
  }

  private static double intensityAt(double[] intensity, double[] volume, double x) {
    for (int k = 0; k < intensity.length; k++) {
      if (volume[k] <= x) {
        return intensity[k];
      }
    }
    return intensity[intensity.length - 1];
  }

  /** Index of the first element {@code >= key}. */
  private static int lowerBound(double[] sorted, double key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
