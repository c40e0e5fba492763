package io.cohortflow.radiomics;

import java.util.ArrayList;
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

  /** Builds the matrices of one direction: one per slice (in-plane) or one for the volume. */
  @FunctionalInterface
  interface DirectionalBuilder<M> {
    List<M> build(int offset, boolean inPlane);
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
   * (13 directions averaged) and {@code 3D_comb} (13 directions merged).
   */
  static <M extends TextureMatrix<M>> void directional(TextureFamily family, TextureVolume volume,
      Set<TextureAggregation> aggregations, int distance, DirectionalBuilder<M> builder,
      Map<String, Double> out) {
    boolean slices = aggregations.contains(TextureAggregation.TWO_D)
        || aggregations.contains(TextureAggregation.TWO_AND_A_HALF_D);
    if (slices) {
      List<List<M>> byDirection = new ArrayList<>();
      for (int offset : volume.directionOffsets(true, distance)) {
        byDirection.add(builder.build(offset, true));
      }
      if (aggregations.contains(TextureAggregation.TWO_D)) {
        List<M> all = new ArrayList<>();
        byDirection.forEach(all::addAll);
        List<M> slicesMerged = new ArrayList<>();
        for (int s = 0; s < volume.sliceCount(); s++) {
          List<M> slice = new ArrayList<>();
          for (List<M> direction : byDirection) {
            slice.add(direction.get(s));
          }
          slicesMerged.add(merge(slice));
        }
        put(family, "2D_avg", averageFeatures(all), out);
        put(family, "2D_comb", averageFeatures(slicesMerged), out);
      }
      if (aggregations.contains(TextureAggregation.TWO_AND_A_HALF_D)) {
        List<M> directionsMerged = new ArrayList<>();
        byDirection.forEach(direction -> directionsMerged.add(merge(direction)));
        put(family, "2_5D_avg", averageFeatures(directionsMerged), out);
        put(family, "2_5D_comb", features(merge(directionsMerged)), out);
      }
    }
    if (aggregations.contains(TextureAggregation.THREE_D)) {
      List<M> directions = new ArrayList<>();
      for (int offset : volume.directionOffsets(false, distance)) {
        directions.add(builder.build(offset, false).get(0));
      }
      put(family, "3D_avg", averageFeatures(directions), out);
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
        put(family, "2D", averageFeatures(bySlice), out);
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
    M merged = matrices.get(0).copy();
    for (M matrix : matrices.subList(1, matrices.size())) {
      merged.add(matrix);
    }
    return merged;
  }

  /** Features of a matrix, or null when it is empty. */
  private static <M extends TextureMatrix<M>> double[] features(M matrix) {
    return matrix.isEmpty() ? null : matrix.features();
  }

  /**
   * Mean features over the non-empty matrices (slices or directions without pairs drop out), or
   * null when all are empty.
   */
  private static <M extends TextureMatrix<M>> double[] averageFeatures(List<M> matrices) {
    double[] sum = null;
    int count = 0;
    for (M matrix : matrices) {
      if (matrix.isEmpty()) {
        continue;
      }
      double[] features = matrix.features();
      if (sum == null) {
        sum = new double[features.length];
      }
      for (int f = 0; f < features.length; f++) {
        sum[f] += features[f];
      }
      count++;
    }
    if (sum != null) {
      for (int f = 0; f < sum.length; f++) {
        sum[f] /= count;
      }
    }
    return sum;
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
