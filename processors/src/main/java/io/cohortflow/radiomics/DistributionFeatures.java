package io.cohortflow.radiomics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The descriptors IBSI defines identically for intensities (statistics family) and for
 * discretised grey levels (intensity histogram family): moments, order statistics, dispersion.
 * Percentiles follow the linear-interpolation definition (the same as NumPy's default), which the
 * IBSI reference values assume.
 */
final class DistributionFeatures {
  private final double[] sorted;
  private final double mean;
  private final double variance;
  private final double m3;
  private final double m4;

  DistributionFeatures(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no voxel to describe");
    }
    sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    mean = sum / sorted.length;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    for (double v : sorted) {
      double d = v - mean;
      double d2 = d * d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
    variance = s2 / sorted.length;
    m3 = s3 / sorted.length;
    m4 = s4 / sorted.length;
  }

  /** Linear interpolation between order statistics at rank p (n - 1). */
  double percentile(double p) {
    double pos = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The shared descriptors under {@code prefix} (e.g. {@code stat_}); {@code modeAndAfter} is put
   * between maximum and interquartile range, where IBSI lists the histogram mode.
   */
  Map<String, Double> describe(String prefix, Map<String, Double> modeAndAfter) {
    Map<String, Double> f = new LinkedHashMap<>();
    double median = percentile(50);
    double p10 = percentile(10);
    double p90 = percentile(90);
    double p25 = percentile(25);
    double p75 = percentile(75);
    double min = sorted[0];
    double max = sorted[sorted.length - 1];
    f.put(prefix + "mean", mean);
    f.put(prefix + "var", variance);
    f.put(prefix + "skew", variance == 0 ? 0 : m3 / Math.pow(variance, 1.5));
    f.put(prefix + "kurt", variance == 0 ? 0 : m4 / (variance * variance) - 3);
    f.put(prefix + "median", median);
    f.put(prefix + "min", min);
    f.put(prefix + "p10", p10);
    f.put(prefix + "p90", p90);
    f.put(prefix + "max", max);
    f.putAll(modeAndAfter);
    f.put(prefix + "iqr", p75 - p25);
    f.put(prefix + "range", max - min);
    f.put(prefix + "mad", meanAbsoluteDeviation(mean, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY));
    f.put(prefix + "rmad", robustMeanAbsoluteDeviation(p10, p90));
    f.put(prefix + "medad", meanAbsoluteDeviation(median, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY));
    f.put(prefix + "cov", Math.sqrt(variance) / mean);
    f.put(prefix + "qcod", (p75 - p25) / (p75 + p25));
    return f;
  }

  private double meanAbsoluteDeviation(double centre, double lo, double hi) {
    double sum = 0;
    long n = 0;
    for (double v : sorted) {
      if (v >= lo && v <= hi) {
        sum += Math.abs(v - centre);
        n++;
      }
    }
    return sum / n;
  }

  /** Mean absolute deviation from their own mean of the values in [P10, P90]. */
  private double robustMeanAbsoluteDeviation(double p10, double p90) {
    double sum = 0;
    long n = 0;
    for (double v : sorted) {
      if (v >= p10 && v <= p90) {
        sum += v;
        n++;
      }
    }
    return meanAbsoluteDeviation(sum / n, p10, p90);
  }
}
