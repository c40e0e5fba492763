package io.cohortflow.radiomics;

/**
 * The minimum-volume enclosing ellipsoid of a point set by Khachiyan's algorithm (tolerance
 * 1e-3 on the dual step, at most 500 iterations), for the MVEE density features, which IBSI does not standardise.
 */
final class EnclosingEllipsoid {
  private EnclosingEllipsoid() {
  }

  /** Semi-axis lengths, largest first; NaN when the points span less than 3 dimensions. */
  static double[] semiAxes(double[][] points) {
    int n = points.length;
    double[] nan = {Double.NaN, Double.NaN, Double.NaN};
    if (n < 4) {
      return nan;
    }
    double[] u = new double[n];
    java.util.Arrays.fill(u, 1.0 / n);
    for (int iteration = 0; iteration < 500; iteration++) {
      double[][] x = new double[4][4];
      for (int i = 0; i < n; i++) {
        double[] q = lifted(points[i]);
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            x[r][c] += u[i] * q[r] * q[c];
          }
        }
      }
      double[][] inv = invert(x, 4);
      if (inv == null) {
        return nan;
      }
      int best = 0;
      double bestM = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double[] q = lifted(points[i]);
        double m = 0;
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            m += q[r] * inv[r][c] * q[c];
          }
        }
        if (m > bestM) {
          bestM = m;
          best = i;
        }
      }
      double step = (bestM - 4) / (4 * (bestM - 1));
      for (int i = 0; i < n; i++) {
        u[i] *= 1 - step;
      }
      u[best] += step;
      if (step < 1e-3) {
        break;
      }
    }
    double[] centre = new double[3];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < 3; a++) {
        centre[a] += u[i] * points[i][a];
      }
    }
    double[][] scatter = new double[3][3];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          scatter[r][c] += u[i] * (points[i][r] - centre[r]) * (points[i][c] - centre[c]);
        }
      }
    }
    // Ellipsoid (x - c)^T A (x - c) <= 1 with A = scatter^-1 / 3: semi-axes sqrt(3 * eigenvalue).
    SymmetricEigen eigen = new SymmetricEigen(scatter);
    double[] axes = new double[3];
    for (int k = 0; k < 3; k++) {
      axes[k] = Math.sqrt(3 * Math.max(0, eigen.values[k]));
    }
    return axes;
  }

  private static double[] lifted(double[] p) {
    return new double[] {p[0], p[1], p[2], 1};
  }

  private static double[][] invert(double[][] m, int n) {
    double[][] a = new double[n][2 * n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(m[r], 0, a[r], 0, n);
      a[r][n + r] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-300) {
        return null;
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      double d = a[col][col];
      for (int c = 0; c < 2 * n; c++) {
        a[col][c] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != col && a[r][col] != 0) {
          double factor = a[r][col];
          for (int c = 0; c < 2 * n; c++) {
            a[r][c] -= factor * a[col][c];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(a[r], n, inv[r], 0, n);
    }
    return inv;
  }
}
