package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** NGLDM dependence counts (1 + equal-level neighbours) on a hand-worked row. */
class NgldmBuilderTest {
  private static final double EPS = 1e-12;

  @Test
  void dependenceCountsTheVoxelAndItsEqualNeighbours() {
    DiscretisedImage image = TextureImages.slice(2, new int[] {1, 1, 2});
    TextureVolume volume = TextureVolume.of(image, 1);
    TextureCountMatrix m = NgldmBuilder.count(volume, false).get(0);
    assertThat(m.count(1, 2)).isEqualTo(2);
    assertThat(m.count(2, 1)).isEqualTo(1);
    assertThat(m.count(1, 1) + m.count(2, 2)).isZero();

    Map<String, Double> f = TextureFeatures.compute(image,
        TextureImages.settings(TextureFamily.NGLDM, 1, TextureAggregation.THREE_D));
    assertThat(f.get("ngl_lde_3D")).isCloseTo((2 / 4.0 + 1) / 3, within(EPS));
    assertThat(f.get("ngl_hde_3D")).isCloseTo((2 * 4.0 + 1) / 3, within(EPS));
    assertThat(f.get("ngl_dc_energy_3D")).isCloseTo(5.0 / 9, within(EPS));
    assertThat(f.get("ngl_dc_perc_3D")).isCloseTo(1, within(EPS));
  }
}
