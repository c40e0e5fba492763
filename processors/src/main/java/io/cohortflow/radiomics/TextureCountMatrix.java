package io.cohortflow.radiomics;

import java.util.Arrays;

/**
 * A grey level × count matrix as GLRLM (run length), GLSZM (zone size), GLDZM (zone distance) and
 * NGLDM (dependence count) share it (IBSI 3.7–3.10), with the number of voxels N_v it was counted
 * over. Counts live in one primitive array of N_g rows; the columns (j = 1, 2, ...) grow to the
 * largest j seen. Its 17 features are those four families' features in reference order, the last
 * (energy) reported by NGLDM only.
 */
final class TextureCountMatrix implements TextureMatrix<TextureCountMatrix> {
  private final int greyLevels;
  private int columns;
  private double[] counts;
  private long voxelCount;

  TextureCountMatrix(int greyLevels, int columns) {
    this.greyLevels = greyLevels;
    this.columns = Math.max(1, columns);
    this.counts = new double[greyLevels * this.columns];
  }

  /** Counts one element with grey level i and count j (both 1-based). */
  void increment(int i, int j) {
    if (j > columns) {
      widen(Math.max(j, 2 * columns));
    }
    counts[(i - 1) * columns + j - 1]++;
  }

  /** Adds to N_v, the number of voxels the matrix was counted over. */
  void addVoxels(long voxels) {
    voxelCount += voxels;
  }

  long voxelCount() { return voxelCount; }

  /** Count of grey level i and count j (both 1-based); 0 beyond the columns held. */
  double count(int i, int j) {
    return j > columns ? 0 : counts[(i - 1) * columns + j - 1];
  }

  private void widen(int newColumns) {
    double[] wider = new double[greyLevels * newColumns];
    for (int i = 0; i < greyLevels; i++) {
      System.arraycopy(counts, i * columns, wider, i * newColumns, columns);
    }
    counts = wider;
    columns = newColumns;
  }

  @Override
  public TextureCountMatrix copy() {
    TextureCountMatrix copy = new TextureCountMatrix(greyLevels, columns);
    System.arraycopy(counts, 0, copy.counts, 0, counts.length);
    copy.voxelCount = voxelCount;
    return copy;
  }

  @Override
  public void add(TextureCountMatrix other) {
    if (other.columns > columns) {
      widen(other.columns);
    }
    for (int i = 0; i < greyLevels; i++) {
      for (int j = 0; j < other.columns; j++) {
        counts[i * columns + j] += other.counts[i * other.columns + j];
      }
    }
    voxelCount += other.voxelCount;
  }

  @Override
  public boolean isEmpty() {
    return Arrays.stream(counts).allMatch(c -> c == 0);
  }

  @Override
  public double[] features() {
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
    double entropy = 0;
    double energy = 0;
    for (int i = 1; i <= greyLevels; i++) {
      double ii = (double) i * i;
      for (int j = 1; j <= columns; j++) {
        double c = counts[(i - 1) * columns + j - 1];
        if (c == 0) {
          continue;
        }
        double jj = (double) j * j;
        byLevel[i - 1] += c;
        byCount[j - 1] += c;
        total += c;
        small += c / jj;
        smallLow += c / (ii * jj);
        smallHigh += c * ii / jj;
        large += c * jj;
        largeLow += c * jj / ii;
        largeHigh += c * ii * jj;
        low += c / ii;
        high += c * ii;
        levelMean += c * i;
        countMean += c * j;
      }
    }
    levelMean /= total;
    countMean /= total;
    double levelVariance = 0;
    double countVariance = 0;
    for (int i = 1; i <= greyLevels; i++) {
      for (int j = 1; j <= columns; j++) {
        double c = counts[(i - 1) * columns + j - 1];
        if (c == 0) {
          continue;
        }
        double p = c / total;
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
