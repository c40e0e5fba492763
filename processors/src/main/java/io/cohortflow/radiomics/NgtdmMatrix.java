package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.List;

/**
 * A neighbourhood grey tone difference matrix (IBSI 3.10) with its five features. For each voxel
 * with at least one intensity-mask neighbour at Chebyshev distance 1 (8 in-plane for 2-D, 26 for
 * 3-D), n_i counts it under its grey level i and s_i adds |i − Ā|, Ā being the mean level of those
 * neighbours. Voxels without such neighbours are left out, so N_v,c = Σ n_i.
 */
final class NgtdmMatrix implements TextureMatrix<NgtdmMatrix> {
  private final double[] voxels;
  private final double[] differences;

  private NgtdmMatrix(int greyLevels) {
    voxels = new double[greyLevels];
    differences = new double[greyLevels];
  }

  /** One matrix per slice (2-D) or one for the volume. */
  static List<NgtdmMatrix> count(TextureVolume volume, boolean inPlane) {
    int[] levels = volume.levels();
    int[] roi = volume.roi();
    int[] neighbours = volume.neighbourOffsets(inPlane);
    List<NgtdmMatrix> matrices = new ArrayList<>();
    for (int unit = 0; unit < volume.unitCount(inPlane); unit++) {
      NgtdmMatrix matrix = new NgtdmMatrix(volume.greyLevelCount());
      for (int n = volume.unitStart(inPlane, unit); n < volume.unitEnd(inPlane, unit); n++) {
        int k = roi[n];
        int sum = 0;
        int valid = 0;
        for (int offset : neighbours) {
          int level = levels[k + offset];
          if (level > 0) {
            sum += level;
            valid++;
          }
        }
        if (valid > 0) {
          int i = levels[k];
          matrix.voxels[i - 1]++;
          matrix.differences[i - 1] += Math.abs(i - (double) sum / valid);
        }
      }
      matrices.add(matrix);
    }
    return matrices;
  }

  /** n_i of grey level i (1-based). */
  double voxels(int i) { return voxels[i - 1]; }

  /** s_i of grey level i (1-based). */
  double difference(int i) { return differences[i - 1]; }

  @Override
  public NgtdmMatrix copy() {
    NgtdmMatrix copy = new NgtdmMatrix(voxels.length);
    copy.add(this);
    return copy;
  }

  @Override
  public void add(NgtdmMatrix other) {
    for (int i = 0; i < voxels.length; i++) {
      voxels[i] += other.voxels[i];
      differences[i] += other.differences[i];
    }
  }

  @Override
  public boolean isEmpty() {
    for (double n : voxels) {
      if (n > 0) {
        return false;
      }
    }
    return true;
  }

  /** Coarseness, contrast, busyness, complexity and strength (IBSI 3.10.1–3.10.5). */
  @Override
  public double[] features() {
    int ng = voxels.length;
    double total = 0;
    double differenceSum = 0;
    int presentLevels = 0;
    for (int i = 0; i < ng; i++) {
      total += voxels[i];
      differenceSum += differences[i];
      presentLevels += voxels[i] > 0 ? 1 : 0;
    }
    double weighted = 0;
    double contrastSum = 0;
    double busynessDenominator = 0;
    double complexity = 0;
    double strengthSum = 0;
    for (int a = 0; a < ng; a++) {
      double pa = voxels[a] / total;
      if (pa == 0) {
        continue;
      }
      weighted += pa * differences[a];
      for (int b = 0; b < ng; b++) {
        double pb = voxels[b] / total;
        if (pb == 0) {
          continue;
        }
        double d = a - b;
        contrastSum += pa * pb * d * d;
        busynessDenominator += Math.abs((a + 1) * pa - (b + 1) * pb);
        complexity += Math.abs(d) * (pa * differences[a] + pb * differences[b]) / (pa + pb);
        strengthSum += (pa + pb) * d * d;
      }
    }
    return new double[] {
      1 / weighted,
      contrastSum / (presentLevels * (presentLevels - 1.0)) * differenceSum / total,
      weighted / busynessDenominator,
      complexity / total,
      strengthSum / differenceSum
    };
  }
}
