package io.cohortflow.radiomics;

/**
 * Eigenvalues and eigenvectors of a symmetric 3×3 matrix by cyclic Jacobi rotations (exact to
 * rounding for such small matrices), eigenvalues sorted in decreasing order.
 */
final class SymmetricEigen {
  final double[] values = new double[3];
  /** Column k is the eigenvector of values[k]. */
  final double[][] vectors = new double[3][3];

  SymmetricEigen(double[][] matrix) {
    double[][] a = new double[3][3];
    double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int i = 0; i < 3; i++) {
      a[i] = matrix[i].clone();
    }
    for (int sweep = 0; sweep < 50; sweep++) {
      double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
      if (off < 1e-15 * (Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]) + 1e-300)) {
        break;
      }
      for (int p = 0; p < 2; p++) {
        for (int q = p + 1; q < 3; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    Integer[] idx = {0, 1, 2};
    java.util.Arrays.sort(idx, (i, j) -> Double.compare(a[j][j], a[i][i]));
    for (int k = 0; k < 3; k++) {
      values[k] = a[idx[k]][idx[k]];
      for (int r = 0; r < 3; r++) {
        vectors[r][k] = v[r][idx[k]];
      }
    }
  }

  private static void rotate(double[][] a, double[][] v, int p, int q) {
    if (a[p][q] == 0) {
      return;
    }
    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < 3; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < 3; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    for (int k = 0; k < 3; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }
}
