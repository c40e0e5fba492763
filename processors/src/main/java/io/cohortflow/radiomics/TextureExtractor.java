package io.cohortflow.radiomics;

import java.util.Map;
import java.util.Set;

/**
 * The plug-in point for the texture families: given an ROI discretised for texture, returns the
 * texture features (IBSI tags with their aggregation suffix, e.g. {@code cm_joint_max_3D_avg}) of
 * the requested families. {@code twoDimensional} is the settings' approach ("2D" computes the
 * slice-wise aggregations).
 */
@FunctionalInterface
public interface TextureExtractor {
  /** No texture features. */
  TextureExtractor NONE = (image, families, twoDimensional) -> Map.of();

  Map<String, Double> extract(DiscretisedImage image, Set<FeatureFamily> families,
      boolean twoDimensional);
}
