package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds neighbouring grey level dependence matrices (IBSI 3.11) with distance 1 and coarseness
 * α = 0: each intensity-mask voxel of grey level i counts once in row i at dependence
 * j = 1 + the number of its intensity-mask neighbours (8 in-plane for 2-D, 26 for 3-D) with the
 * same grey level.
 */
final class NgldmBuilder {
  private NgldmBuilder() {}

  /** One matrix per slice (2-D) or one for the volume. */
  static List<TextureCountMatrix> count(TextureVolume volume, boolean inPlane) {
    int[] levels = volume.levels();
    int[] roi = volume.roi();
    int[] neighbours = volume.neighbourOffsets(inPlane);
    List<TextureCountMatrix> matrices = new ArrayList<>();
    for (int unit = 0; unit < volume.unitCount(inPlane); unit++) {
      TextureCountMatrix matrix =
          TextureCountMatrix.dense(volume.greyLevelCount(), neighbours.length + 1);
      int from = volume.unitStart(inPlane, unit);
      int to = volume.unitEnd(inPlane, unit);
      for (int n = from; n < to; n++) {
        int k = roi[n];
        int level = levels[k];
        int dependence = 1;
        for (int offset : neighbours) {
          if (levels[k + offset] == level) {
            dependence++;
          }
        }
        matrix.increment(level, dependence);
      }
      matrix.addVoxels(to - from);
      matrices.add(matrix);
    }
    return matrices;
  }
}
