package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The texture entry point: tags and their order, settings, and bad input. */
class TextureFeaturesTest {
  private static final DiscretisedImage IMAGE =
      TextureImages.slice(3, new int[] {1, 2, 3}, new int[] {3, 3, 1});

  @Test
  void computesExactlyTheAnnouncedTagsInOrder() {
    TextureSettings settings = TextureSettings.twoD();
    Map<String, Double> f = TextureFeatures.compute(IMAGE, settings);

    assertThat(f.keySet()).containsExactlyElementsOf(TextureFeatures.tags(settings));
    // (25 + 16) features × 2 variants × 2 aggregations + (16 + 16 + 5 + 17) × 2 aggregations
    assertThat(f).hasSize(41 * 4 + 54 * 2);
    assertThat(TextureFeatures.tags(settings)).startsWith("cm_joint_max_2D_avg")
        .contains("szm_sze_2_5D", "rlm_r_perc_2D_comb").endsWith("ngl_dc_energy_2_5D");
    assertThat(TextureFeatures.tags(TextureSettings.threeD())).hasSize(41 * 2 + 54)
        .allMatch(tag -> tag.contains("_3D"));
  }

  @Test
  void aGreyLevelAboveTheLevelCountIsRejected() {
    DiscretisedImage image = TextureImages.slice(2, new int[] {1, 3});

    assertThatThrownBy(() -> TextureFeatures.compute(image, TextureSettings.threeD()))
        .isInstanceOf(RadiomicsException.class)
        .hasMessageContaining("grey level 3 at voxel (1, 0, 0)");
  }

  @Test
  void anEmptyIntensityMaskIsRejected() {
    DiscretisedImage image = new DiscretisedImage(2, 1, 1, new double[] {1, 1, 1},
        new int[] {0, 0}, new boolean[] {true, true}, 4);

    assertThatThrownBy(() -> TextureFeatures.compute(image, TextureSettings.threeD()))
        .isInstanceOf(RadiomicsException.class)
        .hasMessageContaining("intensity mask is empty");
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> new TextureSettings(EnumSet.allOf(TextureFamily.class),
        EnumSet.of(TextureAggregation.THREE_D), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GLCM distance");
    assertThatThrownBy(() -> new TextureSettings(EnumSet.noneOf(TextureFamily.class),
        EnumSet.of(TextureAggregation.THREE_D), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    assertThatThrownBy(() -> TextureAggregation.parse("4D"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'4D'");
  }

  @Test
  void aggregationNamesParse() {
    assertThat(TextureAggregation.parse("2.5d")).isEqualTo(TextureAggregation.TWO_AND_A_HALF_D);
    assertThat(TextureAggregation.parse(" 3D ")).isEqualTo(TextureAggregation.THREE_D);
    assertThat(TextureAggregation.parse("2D")).isEqualTo(TextureAggregation.TWO_D);
  }
}
