package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** GLRLM runs and the N_v rule of merged matrices, on a hand-worked row. */
class GlrlmBuilderTest {
  private static final double EPS = 1e-12;
  private static final DiscretisedImage ROW = TextureImages.slice(2, new int[] {1, 1, 2, 2, 2});

  @Test
  void findsMaximalRunsAlongADirection() {
    TextureVolume volume = TextureVolume.of(ROW, 1);
    TextureCountMatrix m = GlrlmBuilder.count(volume, volume.offset(1, 0, 0), 0, 5);

    assertThat(m.count(1, 2)).isEqualTo(1);
    assertThat(m.count(2, 3)).isEqualTo(1);
    assertThat(m.count(1, 1) + m.count(2, 1) + m.count(2, 2)).isZero();
    assertThat(m.voxelCount()).isEqualTo(5);
  }

  @Test
  void featuresAndRunPercentageOfMergedDirections() {
    Map<String, Double> f = TextureFeatures.compute(ROW,
        TextureImages.settings(TextureFamily.GLRLM, 1, TextureAggregation.THREE_D));

    // 13 directions: along x runs (1, 2) and (2, 3); across, every voxel is a run of 1.
    // Averaged: (2/5 + 12 · 5/5) / 13.  Merged: N_s = 2 + 12·5, N_v = 13·5.
    assertThat(f.get("rlm_r_perc_3D_avg")).isCloseTo((0.4 + 12) / 13, within(EPS));
    assertThat(f.get("rlm_r_perc_3D_comb")).isCloseTo(62.0 / 65, within(EPS));
    // merged matrix: (1,1) = 24, (2,1) = 36, (1,2) = 1, (2,3) = 1
    assertThat(f.get("rlm_sre_3D_comb"))
        .isCloseTo((24 + 36 + 1.0 / 4 + 1.0 / 9) / 62, within(EPS));
    assertThat(f.get("rlm_lre_3D_comb")).isCloseTo((24 + 36 + 4 + 9) / 62.0, within(EPS));
    assertThat(f.get("rlm_glnu_3D_comb")).isCloseTo((25.0 * 25 + 37 * 37) / 62, within(EPS));
    assertThat(f.get("rlm_rlnu_3D_comb")).isCloseTo((60.0 * 60 + 1 + 1) / 62, within(EPS));
    assertThat(f.get("rlm_lgre_3D_comb")).isCloseTo((25 + 37 / 4.0) / 62, within(EPS));
  }
}
