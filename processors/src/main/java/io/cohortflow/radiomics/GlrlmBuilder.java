package io.cohortflow.radiomics;

/**
 * Builds grey level run length matrices (IBSI 3.7) along one direction: runs are maximal lines of
 * intensity-mask voxels with the same grey level; each run is found from its first voxel, so the
 * work is one visit per ROI voxel. N_v is the number of voxels counted over.
 */
final class GlrlmBuilder {
  private GlrlmBuilder() {}

  /**
   * The runs starting at the voxels at positions {@code from..to-1} of {@link TextureVolume#roi()}
   * (a slice for an in-plane offset, or the whole ROI).
   */
  static TextureCountMatrix count(TextureVolume volume, int offset, int from, int to) {
    int[] levels = volume.levels();
    int[] roi = volume.roi();
    TextureCountMatrix matrix =
        TextureCountMatrix.dense(volume.greyLevelCount(), volume.longestLine());
    for (int n = from; n < to; n++) {
      int k = roi[n];
      int level = levels[k];
      if (levels[k - offset] == level) {
        continue;
      }
      int length = 1;
      for (int next = k + offset; levels[next] == level; next += offset) {
        length++;
      }
      matrix.increment(level, length);
    }
    matrix.addVoxels(to - from);
    return matrix;
  }
}
