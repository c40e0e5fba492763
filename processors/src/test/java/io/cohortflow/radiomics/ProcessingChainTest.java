package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessingChainTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void gridIsCentredOnTheInputGrid() {
    ImageVolume image = ImageVolume.of(60, 1, 1, new double[] {3, 1, 1}, new double[60]);
    ResamplingGrid grid = new ResamplingGrid(image, new double[] {2, 0, 0});
    // n_b = ceil(60 * 3 / 2) = 90; offset (3 * 59 - 2 * 89) / 2 = -0.5 mm = -1/6 voxel
    assertThat(grid.size()).containsExactly(90, 1, 1);
    assertThat(grid.inputPosition(0, 0)).isCloseTo(-1.0 / 6, within(1e-12));
    assertThat(grid.inputPosition(0, 89)).isCloseTo(59 + 1.0 / 6, within(1e-12));
  }

  @Test
  void linearInterpolationIsExactOnARampAndPadsWithTheEdgeValue() {
    double[] ramp = new double[10];
    for (int i = 0; i < 10; i++) {
      ramp[i] = 10 * i;
    }
    ImageVolume image = ImageVolume.of(10, 1, 1, new double[] {1, 1, 1}, ramp);
    ResamplingGrid grid = new ResamplingGrid(image, new double[] {0.5, 0, 0});
    double[] out = grid.resample(image, Interpolation.LINEAR).voxels();
    // 20 voxels from position -0.25 to 9.25: the first and last lie outside and take the edge value
    assertThat(out).hasSize(20);
    assertThat(out[0]).isEqualTo(0);
    assertThat(out[1]).isCloseTo(2.5, within(1e-9));
    assertThat(out[19]).isEqualTo(90);
  }

  @Test
  void reSegmentationKeepsTheClosedRangeAndTheMorphologicalMask() {
    double[] values = {-600, -500, 0, 400, 401, 7};
    double[] mask = {1, 1, 1, 1, 1, 0};
    ImageVolume image = ImageVolume.of(6, 1, 1, new double[] {1, 1, 1}, values);
    ProcessedRoi roi = new ProcessingChain(new ProcessingSettings(null, Interpolation.LINEAR,
        Double.NaN, Interpolation.LINEAR, 0.5, -500, 400, false), true)
        .run(image, image.withVoxels(mask));
    assertThat(roi.intensityMask()).containsExactly(false, true, true, true, false, false);
    assertThat(roi.morphologicalMask()).containsExactly(true, true, true, true, true, false);
    assertThat(roi.diagnostics().get("int_mask_vox_count_reseg_roi")).isEqualTo(3);
    assertThat(roi.diagnostics().get("morph_mask_vox_count_reseg_roi")).isEqualTo(5);
  }

  @Test
  void outlierFilteringRemovesValuesBeyondThreeStandardDeviations() {
    double[] values = new double[21];
    values[20] = 1000;
    double[] mask = new double[21];
    java.util.Arrays.fill(mask, 1);
    ImageVolume image = ImageVolume.of(21, 1, 1, new double[] {1, 1, 1}, values);
    ProcessedRoi roi = new ProcessingChain(new ProcessingSettings(null, Interpolation.LINEAR,
        Double.NaN, Interpolation.LINEAR, 0.5, -INF, INF, true), false)
        .run(image, image.withVoxels(mask));
    // mean 47.6, sd 213: 1000 lies 4.5 sd away
    assertThat(roi.intensities()).hasSize(20).containsOnly(0.0);
  }

  @Test
  void emptyRoisAndMismatchedGridsAreCaseErrors() {
    ImageVolume image = ImageVolume.of(4, 1, 1, new double[] {1, 1, 1}, new double[] {1, 2, 3, 4});
    ProcessingChain chain = new ProcessingChain(new ProcessingSettings(null, Interpolation.LINEAR,
        Double.NaN, Interpolation.LINEAR, 0.5, 100, 200, false), false);
    assertThatThrownBy(() -> chain.run(image, image.withVoxels(new double[4])))
        .isInstanceOf(RadiomicsException.class).hasMessageContaining("empty ROI");
    assertThatThrownBy(() -> chain.run(image, image.withVoxels(new double[] {1, 1, 0, 0})))
        .isInstanceOf(RadiomicsException.class).hasMessageContaining("after re-segmentation");
    ImageVolume other = ImageVolume.of(4, 1, 1, new double[] {1.5, 1, 1}, new double[4]);
    assertThatThrownBy(() -> chain.run(image, other))
        .isInstanceOf(RadiomicsException.class).hasMessageContaining("spacing");
  }

  @Test
  void fixedBinNumberAndFixedBinSizeFollowIbsi() {
    double[] v = {0, 5, 10, 24.9, 25, 100};
    boolean[] all = {true, true, true, true, true, true};
    Discretisation.Levels fbn = new Discretisation(Discretisation.Type.FBN, 4).apply(v, all,
        Double.NEGATIVE_INFINITY);
    // floor(4 (X - 0) / 100) + 1, and the maximum gets N_g
    assertThat(fbn.levels()).containsExactly(1, 1, 1, 1, 2, 4);
    Discretisation.Levels fbs = new Discretisation(Discretisation.Type.FBS, 25).apply(v, all, -50);
    // bins start at the lower re-segmentation bound: floor((X + 50) / 25) + 1
    assertThat(fbs.levels()).containsExactly(3, 3, 3, 3, 4, 7);
    assertThat(fbs.count()).isEqualTo(7);
    assertThatThrownBy(() -> new Discretisation(Discretisation.Type.FBN, 2.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
