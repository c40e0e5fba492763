package io.cohortflow.radiomics;


/**
 * A symmetric grey level co-occurrence matrix (IBSI 3.6): counts of voxel pairs at one
 * displacement with grey levels (i, j), stored as an N_g × N_g primitive array.
 */
final class GlcmMatrix implements TextureMatrix<GlcmMatrix> {
  private final int greyLevels;
  private final double[] counts;

  GlcmMatrix(int greyLevels) {
    this.greyLevels = greyLevels;
    this.counts = new double[greyLevels * greyLevels];
  }

  /**
   * Counts the pairs (k, k + offset) of intensity-mask voxels k at positions {@code from..to-1}
   * of {@link TextureVolume#roi()} (a slice, or the whole ROI); each pair counts in both orders
   * (symmetric matrix).
   */
  static GlcmMatrix count(TextureVolume volume, int offset, int from, int to) {
    int ng = volume.greyLevelCount();
    GlcmMatrix matrix = new GlcmMatrix(ng);
    int[] levels = volume.levels();
    int[] roi = volume.roi();
    double[] counts = matrix.counts;
    for (int n = from; n < to; n++) {
      int k = roi[n];
      int j = levels[k + offset];
      if (j > 0) {
        int i = levels[k];
        counts[(i - 1) * ng + j - 1]++;
        counts[(j - 1) * ng + i - 1]++;
      }
    }
    return matrix;
  }

  int greyLevels() { return greyLevels; }

  /** Count of pairs with levels (i, j), 1-based. */
  double count(int i, int j) { return counts[(i - 1) * greyLevels + j - 1]; }

  double total() {
    double sum = 0;
    for (double c : counts) {
      sum += c;
    }
    return sum;
  }

  @Override
  public GlcmMatrix copy() {
    GlcmMatrix copy = new GlcmMatrix(greyLevels);
    System.arraycopy(counts, 0, copy.counts, 0, counts.length);
    return copy;
  }

  @Override
  public void add(GlcmMatrix other) {
    for (int n = 0; n < counts.length; n++) {
      counts[n] += other.counts[n];
    }
  }

  @Override
  public boolean isEmpty() {
    for (double c : counts) {
      if (c > 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public double[] features() {
    return GlcmFeatures.of(this);
  }
}
