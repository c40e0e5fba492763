package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a family's matrices into its IBSI aggregation variants: features of each matrix averaged,
 * or features of merged matrices (counts summed). Matrices are built once per slice and direction
 * by the caller and only merged or averaged here.
 */
final class TextureVariants {
  private TextureVariants() {}

  /**
   * Builds the matrix of one direction over the ROI voxels at positions {@code from..to-1} of
   * {@link TextureVolume#roi()}: a slice, or the whole ROI.
   */
  @FunctionalInterface
  interface DirectionalBuilder<M> {
    M build(int offset, int from, int to);
  }

  /** Builds one matrix per slice (in-plane) or one for the volume. */
  @FunctionalInterface
  interface SpatialBuilder<M> {
    List<M> build(boolean inPlane);
  }

  /**
   * GLCM and GLRLM: {@code 2D_avg} (per slice and direction, averaged), {@code 2D_comb}
   * (directions merged per slice, averaged over slices), {@code 2_5D_avg} (each direction merged
   * over slices, averaged over directions), {@code 2_5D_comb} (everything merged), {@code 3D_avg}
   * (13 directions averaged) and {@code 3D_comb} (13 directions merged). Slices are visited one at
   * a time, so only a handful of matrices are alive at once.
   */
  static <M extends TextureMatrix<M>> void directional(TextureFamily family, TextureVolume volume,
      Set<TextureAggregation> aggregations, int distance, DirectionalBuilder<M> builder,
      Map<String, Double> out) {
    boolean twoD = aggregations.contains(TextureAggregation.TWO_D);
    boolean twoAndAHalfD = aggregations.contains(TextureAggregation.TWO_AND_A_HALF_D);
    if (twoD || twoAndAHalfD) {
      int[] offsets = volume.directionOffsets(true, distance);
      List<M> directionsOverSlices = new ArrayList<>(Collections.nCopies(offsets.length, null));
      FeatureMean perSliceAndDirection = new FeatureMean();
      FeatureMean perSlice = new FeatureMean();
      for (int s = 0; s < volume.sliceCount(); s++) {
        M slice = null;
        for (int d = 0; d < offsets.length; d++) {
          M m = builder.build(offsets[d], volume.unitStart(true, s), volume.unitEnd(true, s));
          if (twoD) {
            perSliceAndDirection.add(m);
            slice = accumulate(slice, m);
          }
          if (twoAndAHalfD) {
            directionsOverSlices.set(d, accumulate(directionsOverSlices.get(d), m));
          }
        }
        if (twoD) {
          perSlice.add(slice);
        }
      }
      if (twoD) {
        put(family, "2D_avg", perSliceAndDirection.mean(), out);
        put(family, "2D_comb", perSlice.mean(), out);
      }
      if (twoAndAHalfD) {
        put(family, "2_5D_avg", FeatureMean.of(directionsOverSlices), out);
        put(family, "2_5D_comb", features(merge(directionsOverSlices)), out);
      }
    }
    if (aggregations.contains(TextureAggregation.THREE_D)) {
      List<M> directions = new ArrayList<>();
      for (int offset : volume.directionOffsets(false, distance)) {
        directions.add(builder.build(offset, 0, volume.roi().length));
      }
      put(family, "3D_avg", FeatureMean.of(directions), out);
      put(family, "3D_comb", features(merge(directions)), out);
    }
  }

  /**
   * GLSZM, GLDZM, NGTDM and NGLDM: {@code 2D} (per slice, averaged), {@code 2_5D} (slices
   * merged) and {@code 3D} (the volume).
   */
  static <M extends TextureMatrix<M>> void spatial(TextureFamily family,
      Set<TextureAggregation> aggregations, SpatialBuilder<M> builder, Map<String, Double> out) {
    boolean slices = aggregations.contains(TextureAggregation.TWO_D)
        || aggregations.contains(TextureAggregation.TWO_AND_A_HALF_D);
    if (slices) {
      List<M> bySlice = builder.build(true);
      if (aggregations.contains(TextureAggregation.TWO_D)) {
        put(family, "2D", FeatureMean.of(bySlice), out);
      }
      if (aggregations.contains(TextureAggregation.TWO_AND_A_HALF_D)) {
        put(family, "2_5D", features(merge(bySlice)), out);
      }
    }
    if (aggregations.contains(TextureAggregation.THREE_D)) {
      put(family, "3D", features(builder.build(false).get(0)), out);
    }
  }

  private static <M extends TextureMatrix<M>> M merge(List<M> matrices) {
    M merged = null;
    for (M matrix : matrices) {
      merged = accumulate(merged, matrix);
    }
    return merged;
  }

  /** Adds a matrix to a running merge, starting the merge with a copy. */
  private static <M extends TextureMatrix<M>> M accumulate(M merged, M matrix) {
    if (merged == null) {
      return matrix.copy();
    }
    merged.add(matrix);
    return merged;
  }

  /** Features of a matrix, or null when it is empty. */
  private static <M extends TextureMatrix<M>> double[] features(M matrix) {
    return matrix.isEmpty() ? null : matrix.features();
  }

  /**
   * The mean features of non-empty matrices (slices or directions without counts drop out). A
   * feature undefined (NaN) for some matrices, e.g. the correlation of a slice with one grey
   * level, is the mean over the others; it is NaN only when no matrix defines it, and all
   * features are null when every matrix was empty.
   */
  private static final class FeatureMean {
    private double[] sum;
    private int[] defined;

    static <M extends TextureMatrix<M>> double[] of(List<M> matrices) {
      FeatureMean mean = new FeatureMean();
      matrices.forEach(mean::add);
      return mean.mean();
    }

    <M extends TextureMatrix<M>> void add(M matrix) {
      if (matrix.isEmpty()) {
        return;
      }
      double[] features = matrix.features();
      if (sum == null) {
        sum = new double[features.length];
        defined = new int[features.length];
      }
      for (int f = 0; f < features.length; f++) {
        if (!Double.isNaN(features[f])) {
          sum[f] += features[f];
          defined[f]++;
        }
      }
    }

    double[] mean() {
      if (sum == null) {
        return null;
      }
      double[] mean = new double[sum.length];
      for (int f = 0; f < mean.length; f++) {
        mean[f] = defined[f] == 0 ? Double.NaN : sum[f] / defined[f];
      }
      return mean;
    }
  }

  /** Adds the family's tags for one variant; null features (no matrix with counts) give NaN. */
  private static void put(TextureFamily family, String variant, double[] features,
      Map<String, Double> out) {
    List<String> names = family.features();
    for (int f = 0; f < names.size(); f++) {
      out.put(TextureFeatures.tag(family, names.get(f), variant),
          features == null ? Double.NaN : features[f]);
    }
  }
}
