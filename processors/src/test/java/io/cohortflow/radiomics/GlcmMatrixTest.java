package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GLCM counting and features on hand-worked rows of voxels. */
class GlcmMatrixTest {
  private static final double EPS = 1e-12;

  @Test
  void countsEachPairInBothOrders() {
    TextureVolume volume = TextureVolume.of(TextureImages.slice(2, new int[] {1, 1, 2, 2}), 1);
    GlcmMatrix m = GlcmMatrix.count(volume, volume.offset(1, 0, 0), 0, 4);

    // pairs (1,1), (1,2), (2,2) along x, each counted both ways
    assertThat(new double[] {m.count(1, 1), m.count(1, 2), m.count(2, 1), m.count(2, 2)})
        .containsExactly(2, 1, 1, 2);
    assertThat(GlcmMatrix.count(volume, volume.offset(0, 1, 0), 0, 4).isEmpty()).isTrue();
  }

  @Test
  void featuresOfAWorkedMatrix() {
    // p = [[1/3, 1/6], [1/6, 1/3]]: the only non-empty direction of the row 1 1 2 2
    Map<String, Double> f = TextureFeatures.compute(
        TextureImages.slice(2, new int[] {1, 1, 2, 2}),
        TextureImages.settings(TextureFamily.GLCM, 1, TextureAggregation.TWO_D));

    assertThat(f.get("cm_joint_max_2D_avg")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(f.get("cm_joint_avg_2D_avg")).isCloseTo(1.5, within(EPS));
    assertThat(f.get("cm_joint_var_2D_avg")).isCloseTo(0.25, within(EPS));
    assertThat(f.get("cm_energy_2D_avg")).isCloseTo(5.0 / 18, within(EPS));
    assertThat(f.get("cm_contrast_2D_avg")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(f.get("cm_joint_entr_2D_avg"))
        .isCloseTo(-(2.0 / 3) * log2(1.0 / 3) - (1.0 / 3) * log2(1.0 / 6), within(EPS));
    // cov = 1/12, σ² = 1/4
    assertThat(f.get("cm_corr_2D_avg")).isCloseTo(1.0 / 3, within(EPS));
    // p_{x-y}(0) = 2/3, p_{x-y}(1) = 1/3
    assertThat(f.get("cm_diff_avg_2D_avg")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(f.get("cm_inv_var_2D_avg")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(f.get("cm_inv_diff_norm_2D_avg")).isCloseTo(2.0 / 3 + (1.0 / 3) / 1.5, within(EPS));
    // p_{x+y}: 2 → 1/3, 3 → 1/3, 4 → 1/3
    assertThat(f.get("cm_sum_avg_2D_avg")).isCloseTo(3, within(EPS));
    assertThat(f.get("cm_sum_var_2D_avg")).isCloseTo(2.0 / 3, within(EPS));
    // one slice: averaging over the non-empty directions equals merging them
    assertThat(f.get("cm_contrast_2D_comb")).isCloseTo(1.0 / 3, within(EPS));
  }

  @Test
  void distanceTwoPairsVoxelsTwoApart() {
    Map<String, Double> f = TextureFeatures.compute(
        TextureImages.slice(2, new int[] {1, 2, 1, 2}),
        TextureImages.settings(TextureFamily.GLCM, 2, TextureAggregation.THREE_D));

    // pairs (1,1) and (2,2) only
    assertThat(f.get("cm_contrast_3D_avg")).isZero();
    assertThat(f.get("cm_joint_max_3D_comb")).isCloseTo(0.5, within(EPS));
  }

  @Test
  void aVoxelWithoutPartnersGivesNaN() {
    Map<String, Double> f = TextureFeatures.compute(TextureImages.slice(3, new int[] {2}),
        TextureImages.settings(TextureFamily.GLCM, 1, TextureAggregation.THREE_D));

    assertThat(f.get("cm_contrast_3D_avg")).isNaN();
    assertThat(f.get("cm_contrast_3D_comb")).isNaN();
  }

  @Test
  void aFeatureUndefinedForOneSliceIsAveragedOverTheOthers() {
    // slice 0 holds one grey level (correlation undefined), slice 1 the row 1 1 2 2 (corr = 1/3)
    int[] levels = {2, 2, 2, 2, 1, 1, 2, 2};
    boolean[] mask = new boolean[levels.length];
    Arrays.fill(mask, true);
    DiscretisedImage image =
        new DiscretisedImage(4, 1, 2, new double[] {1, 1, 1}, levels, mask, 2);
    Map<String, Double> f = TextureFeatures.compute(image,
        TextureImages.settings(TextureFamily.GLCM, 1, TextureAggregation.TWO_D));

    assertThat(f.get("cm_corr_2D_avg")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(f.get("cm_contrast_2D_avg")).isCloseTo((0 + 1.0 / 3) / 2, within(EPS));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
