package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** GLSZM zones (8-connected in-plane) and GLDZM distances (on the morphological mask). */
class TextureZonesTest {
  private static final double EPS = 1e-12;

  @Test
  void diagonalNeighboursLinkZonesInTwoD() {
    DiscretisedImage image = TextureImages.slice(2,
        new int[] {1, 2, 2},
        new int[] {2, 1, 2},
        new int[] {2, 2, 1});
    Map<String, Double> f = TextureFeatures.compute(image,
        TextureImages.settings(TextureFamily.GLSZM, 1, TextureAggregation.TWO_D));

    // the diagonal of 1s is one zone of 3, the 2s one zone of 6
    assertThat(f.get("szm_z_perc_2D")).isCloseTo(2.0 / 9, within(EPS));
    assertThat(f.get("szm_sze_2D")).isCloseTo((1.0 / 9 + 1.0 / 36) / 2, within(EPS));
    assertThat(f.get("szm_lze_2D")).isCloseTo((9 + 36) / 2.0, within(EPS));
    assertThat(f.get("szm_zsnu_2D")).isCloseTo(1, within(EPS));
  }

  @Test
  void zoneDistanceIsTheSmallestEdgeDistanceOfTheMorphologicalMask() {
    int[][] rows = {
      {1, 1, 1, 1, 1},
      {1, 1, 1, 1, 1},
      {1, 1, 2, 1, 1},
      {1, 1, 1, 1, 1},
      {1, 1, 1, 1, 1}};
    DiscretisedImage whole = TextureImages.slice(2, rows);
    // a hole in the intensity mask next to the centre, still inside the morphological mask
    int[] levels = whole.levels().clone();
    levels[2 + 5 * 1] = 0;
    DiscretisedImage holed = new DiscretisedImage(5, 5, 1, new double[] {1, 1, 1}, levels,
        whole.morphologicalMask(), 2);

    for (DiscretisedImage image : new DiscretisedImage[] {whole, holed}) {
      Map<String, Double> f = TextureFeatures.compute(image,
          TextureImages.settings(TextureFamily.GLDZM, 1, TextureAggregation.TWO_D));
      // zones: the 1s at distance 1 (edge), the centre 2 at distance 3
      assertThat(f.get("dzm_sde_2D")).isCloseTo((1 + 1.0 / 9) / 2, within(EPS));
      assertThat(f.get("dzm_lde_2D")).isCloseTo((1 + 9) / 2.0, within(EPS));
    }
    Map<String, Double> sizes = TextureFeatures.compute(holed,
        TextureImages.settings(TextureFamily.GLSZM, 1, TextureAggregation.TWO_D));
    assertThat(sizes.get("szm_lze_2D")).isCloseTo((23.0 * 23 + 1) / 2, within(EPS));
    assertThat(sizes.get("szm_z_perc_2D")).isCloseTo(2.0 / 24, within(EPS));
  }

  @Test
  void slicesAreSeparateZonesInTwoDButOneInThreeD() {
    int[] levels = {1, 1, 1, 1};
    boolean[] mask = {true, true, true, true};
    // 2 × 1 × 2: two slices of two voxels
    DiscretisedImage image =
        new DiscretisedImage(2, 1, 2, new double[] {1, 1, 1}, levels, mask, 1);
    Map<String, Double> f = TextureFeatures.compute(image, TextureSettings.all());

    assertThat(f.get("szm_lze_2D")).isCloseTo(4, within(EPS));
    assertThat(f.get("szm_lze_2_5D")).isCloseTo(4, within(EPS));
    assertThat(f.get("szm_z_perc_2_5D")).isCloseTo(0.5, within(EPS));
    assertThat(f.get("szm_lze_3D")).isCloseTo(16, within(EPS));
    assertThat(f.get("szm_z_perc_3D")).isCloseTo(0.25, within(EPS));
  }
}
