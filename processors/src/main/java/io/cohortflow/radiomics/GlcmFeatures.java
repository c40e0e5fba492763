package io.cohortflow.radiomics;

/**
 * The 25 IBSI grey level co-occurrence features (IBSI 3.6) of one matrix, normalised to joint
 * probabilities p_ij, with the marginals p_i., p_.j, p_{x+y} and p_{x−y}. Entropies use log2;
 * N_g is the matrix size, also for the normalised inverse differences.
 */
final class GlcmFeatures {
  private GlcmFeatures() {}

  static double[] of(GlcmMatrix matrix) {
    int ng = matrix.greyLevels();
    double total = matrix.total();
    double[] p = new double[ng * ng];
    double[] rowMarginal = new double[ng];
    double[] columnMarginal = new double[ng];
    double[] sumMarginal = new double[2 * ng + 1];
    double[] differenceMarginal = new double[ng];
    for (int i = 1; i <= ng; i++) {
      for (int j = 1; j <= ng; j++) {
        double pij = matrix.count(i, j) / total;
        p[(i - 1) * ng + j - 1] = pij;
        rowMarginal[i - 1] += pij;
        columnMarginal[j - 1] += pij;
        sumMarginal[i + j] += pij;
        differenceMarginal[Math.abs(i - j)] += pij;
      }
    }
    double muI = mean(rowMarginal, 1);
    double muJ = mean(columnMarginal, 1);
    double sigmaI = Math.sqrt(variance(rowMarginal, 1, muI));
    double sigmaJ = Math.sqrt(variance(columnMarginal, 1, muJ));

    double jointMax = 0;
    double jointAverage = 0;
    double jointEntropy = 0;
    double energy = 0;
    double contrast = 0;
    double dissimilarity = 0;
    double inverseDifference = 0;
    double inverseDifferenceNormalised = 0;
    double inverseDifferenceMoment = 0;
    double inverseDifferenceMomentNormalised = 0;
    double covariance = 0;
    double autoCorrelation = 0;
    double clusterTendency = 0;
    double clusterShade = 0;
    double clusterProminence = 0;
    double hxy1 = 0;
    double hxy2 = 0;
    for (int i = 1; i <= ng; i++) {
      for (int j = 1; j <= ng; j++) {
        double marginalProduct = rowMarginal[i - 1] * columnMarginal[j - 1];
        if (marginalProduct > 0) {
          hxy2 -= marginalProduct * log2(marginalProduct);
        }
        double pij = p[(i - 1) * ng + j - 1];
        if (pij == 0) {
          continue;
        }
        int d = Math.abs(i - j);
        double cluster = i + j - muI - muJ;
        jointMax = Math.max(jointMax, pij);
        jointAverage += i * pij;
        jointEntropy -= pij * log2(pij);
        energy += pij * pij;
        contrast += (double) d * d * pij;
        dissimilarity += d * pij;
        inverseDifference += pij / (1.0 + d);
        inverseDifferenceNormalised += pij / (1.0 + (double) d / ng);
        inverseDifferenceMoment += pij / (1.0 + (double) d * d);
        inverseDifferenceMomentNormalised += pij / (1.0 + (double) d * d / ((double) ng * ng));
        covariance += (i - muI) * (j - muJ) * pij;
        autoCorrelation += (double) i * j * pij;
        clusterTendency += cluster * cluster * pij;
        clusterShade += cluster * cluster * cluster * pij;
        clusterProminence += cluster * cluster * cluster * cluster * pij;
        hxy1 -= pij * log2(marginalProduct);
      }
    }
    double jointVariance = 0;
    for (int i = 1; i <= ng; i++) {
      for (int j = 1; j <= ng; j++) {
        jointVariance += (i - jointAverage) * (i - jointAverage) * p[(i - 1) * ng + j - 1];
      }
    }
    double inverseVariance = 0;
    for (int k = 1; k < ng; k++) {
      inverseVariance += differenceMarginal[k] / ((double) k * k);
    }
    double differenceAverage = mean(differenceMarginal, 0);
    double sumAverage = mean(sumMarginal, 0);
    double hx = entropy(rowMarginal);
    double hy = entropy(columnMarginal);
    return new double[] {
      jointMax,
      jointAverage,
      jointVariance,
      jointEntropy,
      differenceAverage,
      variance(differenceMarginal, 0, differenceAverage),
      entropy(differenceMarginal),
      sumAverage,
      variance(sumMarginal, 0, sumAverage),
      entropy(sumMarginal),
      energy,
      contrast,
      dissimilarity,
      inverseDifference,
      inverseDifferenceNormalised,
      inverseDifferenceMoment,
      inverseDifferenceMomentNormalised,
      inverseVariance,
      covariance / (sigmaI * sigmaJ),
      autoCorrelation,
      clusterTendency,
      clusterShade,
      clusterProminence,
      (jointEntropy - hxy1) / Math.max(hx, hy),
      Math.sqrt(1 - Math.exp(-2 * (hxy2 - jointEntropy)))
    };
  }

  /** Mean of a distribution whose element n stands for the value {@code n + first}. */
  private static double mean(double[] distribution, int first) {
    double mean = 0;
    for (int n = 0; n < distribution.length; n++) {
      mean += (n + first) * distribution[n];
    }
    return mean;
  }

  private static double variance(double[] distribution, int first, double mean) {
    double variance = 0;
    for (int n = 0; n < distribution.length; n++) {
      double d = n + first - mean;
      variance += d * d * distribution[n];
    }
    return variance;
  }

  private static double entropy(double[] distribution) {
    double entropy = 0;
    for (double p : distribution) {
      if (p > 0) {
        entropy -= p * log2(p);
      }
    }
    return entropy;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
