package io.cohortflow.radiomics;

import java.util.Arrays;

/**
 * A grey level × count matrix as GLRLM (run length), GLSZM (zone size), GLDZM (zone distance) and
 * NGLDM (dependence count) share it (IBSI 3.7–3.10), with the number of voxels N_v it was counted
 * over. Counts live in one primitive array of N_g rows; the columns are only the counts j that
 * can occur (all of 1..J for runs and dependences, the zone sizes actually seen for zones), so a
 * large ROI with a few huge zones does not need N_g × (largest zone) cells. Its 17 features are
 * those four families' features in reference order, the last (energy) reported by NGLDM only.
 */
final class TextureCountMatrix implements TextureMatrix<TextureCountMatrix> {
  private final int greyLevels;
  private int[] columnValues;
  private double[] counts;
  private long voxelCount;

  /** A matrix with the given columns, ascending and distinct. */
  private TextureCountMatrix(int greyLevels, int[] columnValues) {
    this.greyLevels = greyLevels;
    this.columnValues = columnValues;
    this.counts = new double[greyLevels * columnValues.length];
  }

  /** A matrix with columns j = 1..maxCount. */
  static TextureCountMatrix dense(int greyLevels, int maxCount) {
    int[] columns = new int[Math.max(1, maxCount)];
    Arrays.setAll(columns, c -> c + 1);
    return new TextureCountMatrix(greyLevels, columns);
  }

  /**
   * A matrix from the (level, count) elements {@code from..to-1}, with one column per distinct
   * count.
   *
   * @param voxels N_v, the number of voxels the elements were counted over
   */
  static TextureCountMatrix of(int greyLevels, int[] levels, int[] values, int from, int to,
      long voxels) {
    int[] distinct = Arrays.stream(values, from, to).sorted().distinct().toArray();
    TextureCountMatrix matrix = new TextureCountMatrix(greyLevels, distinct);
    for (int e = from; e < to; e++) {
      matrix.increment(levels[e], values[e]);
    }
    matrix.voxelCount = voxels;
    return matrix;
  }

  /** Counts one element with grey level i and count j (both 1-based); j must be a column. */
  void increment(int i, int j) {
    counts[(i - 1) * columnValues.length + column(j)]++;
  }

  private int column(int j) {
    int c = Arrays.binarySearch(columnValues, j);
    if (c < 0) {
      throw new IllegalStateException("count " + j + " has no column in this matrix");
    }
    return c;
  }

  /** Adds to N_v, the number of voxels the matrix was counted over. */
  void addVoxels(long voxels) {
    voxelCount += voxels;
  }

  long voxelCount() { return voxelCount; }

  /** Count of grey level i and count j (both 1-based); 0 when j is not a column. */
  double count(int i, int j) {
    int c = Arrays.binarySearch(columnValues, j);
    return c < 0 ? 0 : counts[(i - 1) * columnValues.length + c];
  }

  @Override
  public TextureCountMatrix copy() {
    TextureCountMatrix copy = new TextureCountMatrix(greyLevels, columnValues);
    System.arraycopy(counts, 0, copy.counts, 0, counts.length);
    copy.voxelCount = voxelCount;
    return copy;
  }

  @Override
  public void add(TextureCountMatrix other) {
    if (!Arrays.equals(columnValues, other.columnValues)) {
      widenTo(union(columnValues, other.columnValues));
    }
    int columns = columnValues.length;
    for (int c = 0; c < other.columnValues.length; c++) {
      int target = Arrays.binarySearch(columnValues, other.columnValues[c]);
      for (int i = 0; i < greyLevels; i++) {
        counts[i * columns + target] += other.counts[i * other.columnValues.length + c];
      }
    }
    voxelCount += other.voxelCount;
  }

  private void widenTo(int[] wider) {
    double[] widerCounts = new double[greyLevels * wider.length];
    for (int c = 0; c < columnValues.length; c++) {
      int target = Arrays.binarySearch(wider, columnValues[c]);
      for (int i = 0; i < greyLevels; i++) {
        widerCounts[i * wider.length + target] = counts[i * columnValues.length + c];
      }
    }
    columnValues = wider;
    counts = widerCounts;
  }

  private static int[] union(int[] a, int[] b) {
    int[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return Arrays.stream(both).sorted().distinct().toArray();
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
    int columns = columnValues.length;
    double[] byLevel = new double[greyLevels];
    double[] byCount = new double[columns];
    double total = 0;
    double small = 0;
    double smallLow = 0;
    double smallHigh = 0;
    double large = 0;
    double largeLow = 0;
    double largeHigh = 0;
    double low = 0;
    double high = 0;
    double levelMean = 0;
    double countMean = 0;
    for (int i = 1; i <= greyLevels; i++) {
      double ii = (double) i * i;
      for (int c = 0; c < columns; c++) {
        double n = counts[(i - 1) * columns + c];
        if (n == 0) {
          continue;
        }
        double j = columnValues[c];
        double jj = j * j;
        byLevel[i - 1] += n;
        byCount[c] += n;
        total += n;
        small += n / jj;
        smallLow += n / (ii * jj);
        smallHigh += n * ii / jj;
        large += n * jj;
        largeLow += n * jj / ii;
        largeHigh += n * ii * jj;
        low += n / ii;
        high += n * ii;
        levelMean += n * i;
        countMean += n * j;
      }
    }
    levelMean /= total;
    countMean /= total;
    double levelVariance = 0;
    double countVariance = 0;
    double entropy = 0;
    double energy = 0;
    for (int i = 1; i <= greyLevels; i++) {
      for (int c = 0; c < columns; c++) {
        double n = counts[(i - 1) * columns + c];
        if (n == 0) {
          continue;
        }
        double p = n / total;
        double j = columnValues[c];
        levelVariance += (i - levelMean) * (i - levelMean) * p;
        countVariance += (j - countMean) * (j - countMean) * p;
        entropy -= p * GlcmFeatures.log2(p);
        energy += p * p;
      }
    }
    double levelNonUniformity = sumOfSquares(byLevel);
    double countNonUniformity = sumOfSquares(byCount);
    return new double[] {
      small / total,
      large / total,
      low / total,
      high / total,
      smallLow / total,
      smallHigh / total,
      largeLow / total,
      largeHigh / total,
      levelNonUniformity / total,
      levelNonUniformity / (total * total),
      countNonUniformity / total,
      countNonUniformity / (total * total),
      total / voxelCount,
      levelVariance,
      countVariance,
      entropy,
      energy
    };
  }

  private static double sumOfSquares(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return sum;
  }
}
