package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds grey level run length matrices (IBSI 3.7) along one direction: runs are maximal lines of
 * intensity-mask voxels with the same grey level; each run is found from its first voxel, so the
 * work is one visit per ROI voxel. N_v is the number of voxels counted over.
 */
final class GlrlmBuilder {
  private GlrlmBuilder() {}

  /** One matrix per slice for an in-plane offset, or one for the volume. */
  static List<TextureCountMatrix> count(TextureVolume volume, int offset, boolean inPlane) {
    int[] levels = volume.levels();
    int[] roi = volume.roi();
    List<TextureCountMatrix> matrices = new ArrayList<>();
    for (int unit = 0; unit < volume.unitCount(inPlane); unit++) {
      TextureCountMatrix matrix =
          new TextureCountMatrix(volume.greyLevelCount(), volume.longestLine());
      int from = volume.unitStart(inPlane, unit);
      int to = volume.unitEnd(inPlane, unit);
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
      matrices.add(matrix);
    }
    return matrices;
  }
}
