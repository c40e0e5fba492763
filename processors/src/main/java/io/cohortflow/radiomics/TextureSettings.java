package io.cohortflow.radiomics;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the texture engine computes: the families, the aggregations (each GLCM/GLRLM aggregation
 * gives both its {@code _avg} and {@code _comb} variant) and the GLCM Chebyshev distance. NGTDM and
 * NGLDM use distance 1, NGLDM coarseness α = 0, zones link 8 (2-D) or 26 (3-D) neighbours, as
 * IBSI chapter 1 prescribes.
 *
 * @param families the families to compute, in {@link TextureFamily} order
 * @param aggregations the aggregations to compute, in {@link TextureAggregation} order
 * @param glcmDistance Chebyshev distance between GLCM voxel pairs, at least 1
 */
public record TextureSettings(
    Set<TextureFamily> families, Set<TextureAggregation> aggregations, int glcmDistance) {

  public TextureSettings {
    if (families.isEmpty() || aggregations.isEmpty()) {
      throw new IllegalArgumentException("texture settings need at least one family and aggregation");
    }
    if (glcmDistance < 1) {
      throw new IllegalArgumentException("GLCM distance must be at least 1, was " + glcmDistance);
    }
    // Unmodifiable EnumSets keep the declaration order, which fixes the output column order.
    families = Collections.unmodifiableSet(EnumSet.copyOf(families));
    aggregations = Collections.unmodifiableSet(EnumSet.copyOf(aggregations));
  }

  /** The IBSI defaults for a 3-D approach: every family, 3-D variants, GLCM distance 1. */
  public static TextureSettings threeD() {
    return new TextureSettings(EnumSet.allOf(TextureFamily.class),
        EnumSet.of(TextureAggregation.THREE_D), 1);
  }

  /** The IBSI defaults for a 2-D approach: every family, 2-D and 2.5-D variants, distance 1. */
  public static TextureSettings twoD() {
    return new TextureSettings(EnumSet.allOf(TextureFamily.class),
        EnumSet.of(TextureAggregation.TWO_D, TextureAggregation.TWO_AND_A_HALF_D), 1);
  }

  /** Every family in every aggregation. */
  public static TextureSettings all() {
    return new TextureSettings(EnumSet.allOf(TextureFamily.class),
        EnumSet.allOf(TextureAggregation.class), 1);
  }

  /**
   * The texture settings of the engine's settings file: its texture families, 2-D and 2.5-D
   * variants for a 2-D approach, 3-D variants otherwise; empty when no texture family is asked.
   */
  public static Optional<TextureSettings> of(Set<FeatureFamily> families, boolean twoDimensional,
      int glcmDistance) {
    EnumSet<TextureFamily> texture = EnumSet.noneOf(TextureFamily.class);
    for (FeatureFamily family : families) {
      if (family.isTexture()) {
        texture.add(TextureFamily.valueOf(family.name()));
      }
    }
    if (texture.isEmpty()) {
      return Optional.empty();
    }
    TextureSettings defaults = twoDimensional ? twoD() : threeD();
    return Optional.of(new TextureSettings(texture, defaults.aggregations(), glcmDistance));
  }

  /** The same settings restricted to one family (used to time families separately). */
  public TextureSettings only(TextureFamily family) {
    return new TextureSettings(EnumSet.of(family), aggregations, glcmDistance);
  }
}
