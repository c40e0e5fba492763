package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Entry point of the IBSI texture families (GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM): computes
 * the features of a {@link DiscretisedImage} in the aggregation variants the
 * {@link TextureSettings} ask for, keyed by the IBSI reference tag (e.g. {@code
 * cm_joint_max_3D_avg}, {@code szm_sze_2_5D}). Slices are the xy-planes (along z). The ROI is
 * cropped to its bounding box first, each family's matrices are built once per slice and
 * direction, and GLSZM and GLDZM share one zone labelling. A variant whose matrices are all empty
 * (e.g. GLCM of a one-voxel ROI) gives NaN.
 */
public final class TextureFeatures {
  private TextureFeatures() {}

  /**
   * Computes the texture features.
   *
   * @return tag → value, in the order of {@link #tags(TextureSettings)}
   * @throws RadiomicsException when the intensity mask is empty or a grey level lies outside
   *     0..N_g
   */
  public static LinkedHashMap<String, Double> compute(DiscretisedImage image,
      TextureSettings settings) {
    TextureVolume volume = TextureVolume.of(image, settings.glcmDistance());
    LinkedHashMap<String, Double> out = new LinkedHashMap<>();
    ZoneCache zones = new ZoneCache(volume);
    for (TextureFamily family : settings.families()) {
      switch (family) {
        case GLCM -> TextureVariants.directional(family, volume, settings.aggregations(),
            settings.glcmDistance(),
            (offset, from, to) -> GlcmMatrix.count(volume, offset, from, to), out);
        case GLRLM -> TextureVariants.directional(family, volume, settings.aggregations(), 1,
            (offset, from, to) -> GlrlmBuilder.count(volume, offset, from, to), out);
        case GLSZM -> TextureVariants.spatial(family, settings.aggregations(),
            inPlane -> zones.get(inPlane).sizeMatrices(), out);
        case GLDZM -> TextureVariants.spatial(family, settings.aggregations(),
            inPlane -> zones.get(inPlane).distanceMatrices(), out);
        case NGTDM -> TextureVariants.spatial(family, settings.aggregations(),
            inPlane -> NgtdmMatrix.count(volume, inPlane), out);
        case NGLDM -> TextureVariants.spatial(family, settings.aggregations(),
            inPlane -> NgldmBuilder.count(volume, inPlane), out);
        default -> throw new IllegalStateException("unhandled texture family " + family);
      }
    }
    return out;
  }

  /**
   * The engine's texture plug-in for {@link RadiomicsExtractor}: the requested texture families,
   * 2-D and 2.5-D variants for a 2-D approach, 3-D variants otherwise.
   */
  public static TextureExtractor extractor(int glcmDistance) {
    return (image, families, twoDimensional) ->
        TextureSettings.of(families, twoDimensional, glcmDistance)
            .map(settings -> compute(image, settings))
            .orElseGet(LinkedHashMap::new);
  }

  /** The tags {@link #compute} returns for these settings, in order. */
  public static List<String> tags(TextureSettings settings) {
    List<String> tags = new ArrayList<>();
    for (TextureFamily family : settings.families()) {
      for (TextureAggregation aggregation : settings.aggregations()) {
        for (String variant : aggregation.variantSuffixes(family)) {
          for (String feature : family.features()) {
            tags.add(tag(family, feature, variant));
          }
        }
      }
    }
    return tags;
  }

  static String tag(TextureFamily family, String feature, String variant) {
    return family.prefix() + "_" + feature + "_" + variant;
  }

  /** Zones labelled at most once per dimension and shared by GLSZM and GLDZM. */
  private static final class ZoneCache {
    private final TextureVolume volume;
    private TextureZones inPlane;
    private TextureZones volumetric;

    ZoneCache(TextureVolume volume) {
      this.volume = volume;
    }

    TextureZones get(boolean twoD) {
      if (twoD) {
        if (inPlane == null) {
          inPlane = TextureZones.label(volume, true);
        }
        return inPlane;
      }
      if (volumetric == null) {
        volumetric = TextureZones.label(volume, false);
      }
      return volumetric;
    }
  }
}
