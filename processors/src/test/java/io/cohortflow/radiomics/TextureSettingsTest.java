package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** How the engine's settings (families, approach) choose the texture variants. */
class TextureSettingsTest {

  @Test
  void everyTextureFeatureFamilyHasATextureFamily() {
    EnumSet<FeatureFamily> all = EnumSet.allOf(FeatureFamily.class);

    TextureSettings settings = TextureSettings.of(all, false, 1).orElseThrow();

    assertThat(settings.families()).containsExactly(TextureFamily.values());
    assertThat(settings.aggregations()).containsExactly(TextureAggregation.THREE_D);
  }

  @Test
  void aTwoDimensionalApproachGivesTheSliceVariants() {
    TextureSettings settings = TextureSettings.of(
        EnumSet.of(FeatureFamily.MORPHOLOGY, FeatureFamily.GLSZM), true, 2).orElseThrow();

    assertThat(settings.families()).containsExactly(TextureFamily.GLSZM);
    assertThat(settings.aggregations())
        .containsExactly(TextureAggregation.TWO_D, TextureAggregation.TWO_AND_A_HALF_D);
    assertThat(settings.glcmDistance()).isEqualTo(2);
  }

  @Test
  void noTextureFamilyMeansNoTextureFeatures() {
    EnumSet<FeatureFamily> intensity =
        EnumSet.of(FeatureFamily.STATISTICS, FeatureFamily.INTENSITY_HISTOGRAM);

    assertThat(TextureSettings.of(intensity, false, 1)).isEmpty();
    assertThat(TextureFeatures.extractor(1).extract(
        TextureImages.slice(2, new int[] {1, 2}), intensity, false)).isEmpty();
  }
}
