package io.cohortflow.radiomics;

import java.util.Locale;

/**
 * IBSI intensity discretisation. Fixed bin number (FBN): X_d = floor(N_g (X - X_min) / (X_max -
 * X_min)) + 1, with X_d = N_g at X_max, X_min and X_max over the ROI. Fixed bin size (FBS): X_d =
 * floor((X - X_min) / w_b) + 1, X_min = the lower re-segmentation bound when set, else the ROI
 * minimum.
 *
 * @param type FBN or FBS
 * @param value the number of bins (FBN) or the bin width in intensity units (FBS)
 */
public record Discretisation(Type type, double value) {

  /** Fixed bin number or fixed bin size. */
  public enum Type { FBN, FBS }

  /**
   * Discretised grey levels.
   *
   * @param levels 1..count inside the mask, 0 outside
   * @param count N_g: FBN's bin number, or FBS's highest level in the ROI
   * @param minimum X_min the bins start from
   */
  public record Levels(int[] levels, int count, double minimum) { }

  public Discretisation {
    if (type == null || !(value > 0) || Double.isInfinite(value)
        || (type == Type.FBN && value != Math.rint(value))) {
      throw new IllegalArgumentException("bad discretisation " + type + " " + value
          + " (FBN needs a whole number of bins, FBS a positive bin width)");
    }
  }

  public static Discretisation parse(String type, double value) {
    try {
      return new Discretisation(Type.valueOf(type.toUpperCase(Locale.ROOT)), value);
    } catch (IllegalArgumentException e) {
      if (!type.equalsIgnoreCase("FBN") && !type.equalsIgnoreCase("FBS")) {
        throw new IllegalArgumentException("unknown discretisation type '" + type
            + "' (expected FBN or FBS)", e);
      }
      throw e;
    }
  }

  /** A short label for column names and logs, e.g. {@code FBS25} or {@code FBN32}. */
  public String label() {
    double v = value;
    String number = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    return type + number;
  }

  /**
   * Discretises the masked values.
   *
   * @param rangeLow the lower re-segmentation bound, {@code -Infinity} when none (FBS only)
   */
  public Levels apply(double[] values, boolean[] mask, double rangeLow) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      if (mask[i]) {
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
    }
    int[] levels = new int[values.length];
    if (min > max) {
      return new Levels(levels, 0, Double.NaN);
    }
    if (type == Type.FBS) {
      double start = rangeLow == Double.NEGATIVE_INFINITY ? min : rangeLow;
      int top = 0;
      for (int i = 0; i < values.length; i++) {
        if (mask[i]) {
          levels[i] = (int) Math.floor((values[i] - start) / value) + 1;
          top = Math.max(top, levels[i]);
        }
      }
      return new Levels(levels, top, start);
    }
    int bins = (int) value;
    for (int i = 0; i < values.length; i++) {
      if (mask[i]) {
        levels[i] = max == min ? 1
            : Math.min(bins, (int) Math.floor(bins * (values[i] - min) / (max - min)) + 1);
      }
    }
    return new Levels(levels, bins, min);
  }
}
