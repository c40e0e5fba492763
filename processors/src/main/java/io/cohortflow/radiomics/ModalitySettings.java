package io.cohortflow.radiomics;

import java.util.List;
import java.util.Set;

/**
 * One modality block of the settings file ({@code imParamCT}, {@code imParamMR},
 * {@code imParamPET}): how to process the image and which features to extract.
 *
 * @param processing interpolation and re-segmentation for the non-texture families
 * @param textureSpacings voxel sizes for the texture families ({@code scale_text}); each gives its
 *     own output row
 * @param histogramDiscretisation discretisation of the intensity histogram family
 * @param volumeHistogramDiscretisation discretisation of the IVH family, {@code null} for none
 * @param textureDiscretisations discretisations of the texture families; each gives its own row
 * @param twoDimensional the texture approach: {@code true} for "2D"
 * @param families the families to extract
 */
public record ModalitySettings(ProcessingSettings processing, List<double[]> textureSpacings,
    Discretisation histogramDiscretisation, Discretisation volumeHistogramDiscretisation,
    List<Discretisation> textureDiscretisations, boolean twoDimensional,
    Set<FeatureFamily> families) {

  public ModalitySettings {
    textureSpacings = List.copyOf(textureSpacings);
    textureDiscretisations = List.copyOf(textureDiscretisations);
    families = Set.copyOf(families);
  }

  public boolean extracts(FeatureFamily family) {
    return families.contains(family);
  }

  public boolean extractsTexture() {
    return families.stream().anyMatch(FeatureFamily::isTexture);
  }
}
