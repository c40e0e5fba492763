package io.cohortflow.radiomics;

import io.cohortflow.testsupport.SharedData;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs an IBSI phantom through the engine (settings file of {@code config/ibsi/}, processing
 * chain, discretisation, {@link TextureFeatures#extractor}) with only the settings' texture
 * families, and returns the first feature row.
 */
final class TextureIbsiCases {
  private TextureIbsiCases() {}

  static Path settings(String name) {
    return Path.of("..", "config", "ibsi", name);
  }

  static Map<String, Double> digitalPhantom() {
    Path phantom = SharedData.resolve("data/ibsi/digital_phantom");
    return extract("digital-phantom.json", phantom.resolve("image.nii.gz"),
        phantom.resolve("mask.nii.gz"));
  }

  static Map<String, Double> ctPhantom(String configuration) {
    Path phantom = SharedData.resolve("data/ibsi/ct_phantom/nifti");
    return extract("config-" + configuration + ".json",
        phantom.resolve("image/phantom.nii.gz"), phantom.resolve("mask/mask.nii.gz"));
  }

  /** The settings of an IBSI settings file with its texture families only. */
  static ModalitySettings textureOnly(String name) {
    ModalitySettings all = RadiomicsSettings.read(settings(name)).forModality("CT");
    Set<FeatureFamily> texture = all.families().stream().filter(FeatureFamily::isTexture)
        .collect(Collectors.toSet());
    return new ModalitySettings(all.processing(), all.textureSpacings(),
        all.histogramDiscretisation(), all.volumeHistogramDiscretisation(),
        all.textureDiscretisations(), all.twoDimensional(), texture);
  }

  private static Map<String, Double> extract(String settings, Path image, Path mask) {
    ModalitySettings modality = textureOnly(settings);
    return new RadiomicsExtractor(modality, TextureFeatures.extractor(1), false)
        .extract(VolumeLoader.read(image), VolumeLoader.read(mask)).rows().get(0).features();
  }
}
