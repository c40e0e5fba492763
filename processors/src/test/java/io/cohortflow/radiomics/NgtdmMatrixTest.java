package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** NGTDM on a hand-worked row, with a voxel that has no neighbour in the ROI. */
class NgtdmMatrixTest {
  private static final double EPS = 1e-12;

  @Test
  void featuresLeaveOutVoxelsWithoutNeighbours() {
    // 1 2 3 _ 2: the last voxel has no ROI neighbour. n = (1, 1, 1), s = (1, 0, 1), p_i = 1/3.
    DiscretisedImage image = TextureImages.slice(3, new int[] {1, 2, 3, 0, 2});
    TextureVolume volume = TextureVolume.of(image, 1);
    NgtdmMatrix m = NgtdmMatrix.count(volume, true).get(0);
    assertThat(new double[] {m.voxels(1), m.voxels(2), m.voxels(3)}).containsExactly(1, 1, 1);
    assertThat(new double[] {m.difference(1), m.difference(2), m.difference(3)})
        .containsExactly(1, 0, 1);

    Map<String, Double> f = TextureFeatures.compute(image,
        TextureImages.settings(TextureFamily.NGTDM, 1, TextureAggregation.TWO_D));
    assertThat(f.get("ngt_coarseness_2D")).isCloseTo(1.5, within(EPS));
    assertThat(f.get("ngt_contrast_2D")).isCloseTo(4.0 / 27, within(EPS));
    assertThat(f.get("ngt_busyness_2D")).isCloseTo(0.25, within(EPS));
    assertThat(f.get("ngt_complexity_2D")).isCloseTo(2, within(EPS));
    assertThat(f.get("ngt_strength_2D")).isCloseTo(4, within(EPS));
  }
}
