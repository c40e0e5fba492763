package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Merging count matrices whose columns (zone sizes seen) differ, and their features. */
class TextureCountMatrixTest {
  private static final double EPS = 1e-12;

  @Test
  void mergingUnitesTheColumnsAndSumsCountsAndVoxels() {
    TextureCountMatrix a =
        TextureCountMatrix.of(2, new int[] {1, 2}, new int[] {1, 5}, 0, 2, 6);
    TextureCountMatrix b =
        TextureCountMatrix.of(2, new int[] {1, 1, 9}, new int[] {2, 5, 7}, 0, 2, 7);

    TextureCountMatrix merged = a.copy();
    merged.add(b);

    assertThat(new double[] {merged.count(1, 1), merged.count(1, 2), merged.count(1, 5),
        merged.count(2, 5), merged.count(2, 1), merged.count(1, 7)})
        .containsExactly(1, 1, 1, 1, 0, 0);
    assertThat(merged.voxelCount()).isEqualTo(13);
    // the copy was merged into, not the original
    assertThat(a.count(1, 2)).isZero();
    double[] f = merged.features();
    assertThat(f[0]).isCloseTo((1 + 1 / 4.0 + 1 / 25.0 + 1 / 25.0) / 4, within(EPS));
    assertThat(f[1]).isCloseTo((1 + 4 + 25 + 25) / 4.0, within(EPS));
    assertThat(f[12]).isCloseTo(4 / 13.0, within(EPS));
    // columns 1, 2, 5 hold 1, 1, 2 elements
    assertThat(f[10]).isCloseTo((1 + 1 + 4) / 4.0, within(EPS));
  }

  @Test
  void aCountWithoutAColumnIsAnError() {
    TextureCountMatrix m = TextureCountMatrix.dense(3, 4);

    assertThatThrownBy(() -> m.increment(1, 5)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("count 5");
  }
}
