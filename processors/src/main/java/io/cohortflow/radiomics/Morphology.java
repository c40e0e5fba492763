package io.cohortflow.radiomics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IBSI morphological features (29, tags {@code morph_*}). Volume and area come from the marching
 * cubes mesh of the morphological mask ({@link SurfaceMesh}); the approximate volume counts its
 * voxels; PCA axes use the morphological mask's voxel centres; integrated intensity, centre of mass
 * shift, Moran's I and Geary's C also use the intensity mask. Bounding boxes and the convex hull are
 * those of the mesh. The oriented minimum bounding box, which IBSI does not standardise, is
 * approximated by the box aligned with the PCA axes; the minimum-volume enclosing ellipsoid (not
 * standardised either) is computed with Khachiyan's algorithm on the hull vertices.
 */
public final class Morphology {
  private Morphology() {
  }

  public static Map<String, Double> compute(ProcessedRoi roi) {
    ImageVolume image = roi.image();
    double[] s = image.spacing();
    boolean[] morph = roi.morphologicalMask();
    SurfaceMesh mesh = SurfaceMesh.of(morph, image.nx(), image.ny(), image.nz(), s);
    double volume = mesh.volume();
    double area = mesh.area();
    Map<String, Double> f = new LinkedHashMap<>();
    long morphCount = 0;
    for (boolean b : morph) {
      morphCount += b ? 1 : 0;
    }
    double sphere = 36 * Math.PI * volume * volume;
    f.put("morph_volume", volume);
    f.put("morph_vol_approx", morphCount * s[0] * s[1] * s[2]);
    f.put("morph_area_mesh", area);
    f.put("morph_av", area / volume);
    f.put("morph_comp_1", volume / (Math.sqrt(Math.PI) * Math.pow(area, 1.5)));
    f.put("morph_comp_2", sphere / (area * area * area));
    f.put("morph_sph_dispr", area / Math.cbrt(sphere));
    f.put("morph_sphericity", Math.cbrt(sphere) / area);
    f.put("morph_asphericity", Math.cbrt(area * area * area / sphere) - 1);
    f.put("morph_com", centreOfMassShift(roi));
    double[] scale = {s[0] / 2, s[1] / 2, s[2] / 2};
    ConvexHull hull = ConvexHull.of(mesh.halfVoxelVertices());
    double[][] hullPoints = hull.verticesMm(scale);
    f.put("morph_diam", maximumDiameter(hullPoints));
    SymmetricEigen pca = new SymmetricEigen(covariance(morph, image));
    double l1 = pca.values[0];
    double l2 = pca.values[1];
    double l3 = pca.values[2];
    f.put("morph_pca_maj_axis", 4 * Math.sqrt(l1));
    f.put("morph_pca_min_axis", 4 * Math.sqrt(l2));
    f.put("morph_pca_least_axis", 4 * Math.sqrt(l3));
    f.put("morph_pca_elongation", Math.sqrt(l2 / l1));
    f.put("morph_pca_flatness", Math.sqrt(l3 / l1));
    double[] aabb = boxExtents(hullPoints, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    f.put("morph_vol_dens_aabb", volume / (aabb[0] * aabb[1] * aabb[2]));
    f.put("morph_area_dens_aabb", area / boxArea(aabb));
    double[][] axes = new double[3][3];
    for (int k = 0; k < 3; k++) {
      for (int r = 0; r < 3; r++) {
        axes[k][r] = pca.vectors[r][k];
      }
    }
    double[] ombb = boxExtents(hullPoints, axes);
    f.put("morph_vol_dens_ombb", volume / (ombb[0] * ombb[1] * ombb[2]));
    f.put("morph_area_dens_ombb", area / boxArea(ombb));
    double a = 2 * Math.sqrt(l1);
    double b = 2 * Math.sqrt(l2);
    double c = 2 * Math.sqrt(l3);
    f.put("morph_vol_dens_aee", volume / (4 * Math.PI * a * b * c / 3));
    f.put("morph_area_dens_aee", area / ellipsoidArea(a, b, c));
    double[] mvee = EnclosingEllipsoid.semiAxes(hullPoints);
    f.put("morph_vol_dens_mvee", volume / (4 * Math.PI * mvee[0] * mvee[1] * mvee[2] / 3));
    f.put("morph_area_dens_mvee", area / ellipsoidArea(mvee[0], mvee[1], mvee[2]));
    double[] hullVolumeArea = hull.volumeAndArea(scale);
    f.put("morph_vol_dens_conv_hull", volume / hullVolumeArea[0]);
    f.put("morph_area_dens_conv_hull", area / hullVolumeArea[1]);
    double[] intensities = roi.intensities();
    double mean = 0;
    for (double x : intensities) {
      mean += x;
    }
    mean /= intensities.length;
    f.put("morph_integ_int", volume * mean);
    double[] autocorrelation = SpatialAutocorrelation.compute(roi);
    f.put("morph_moran_i", autocorrelation[0]);
    f.put("morph_geary_c", autocorrelation[1]);
    return f;
  }

  /** Distance (mm) between the morphological mask's centroid and the intensity-weighted centroid. */
  private static double centreOfMassShift(ProcessedRoi roi) {
    ImageVolume image = roi.image();
    double[] s = image.spacing();
    double[] v = image.voxels();
    boolean[] morph = roi.morphologicalMask();
    boolean[] intensity = roi.intensityMask();
    double[] geometric = new double[3];
    double[] weighted = new double[3];
    long n = 0;
    double weight = 0;
    int i = 0;
    for (int z = 0; z < image.nz(); z++) {
      for (int y = 0; y < image.ny(); y++) {
        for (int x = 0; x < image.nx(); x++, i++) {
          double[] p = {x * s[0], y * s[1], z * s[2]};
          if (morph[i]) {
            n++;
            for (int a = 0; a < 3; a++) {
              geometric[a] += p[a];
            }
          }
          if (intensity[i]) {
            weight += v[i];
            for (int a = 0; a < 3; a++) {
              weighted[a] += v[i] * p[a];
            }
          }
        }
      }
    }
    double sq = 0;
    for (int a = 0; a < 3; a++) {
      double d = geometric[a] / n - weighted[a] / weight;
      sq += d * d;
    }
    return Math.sqrt(sq);
  }

  private static double maximumDiameter(double[][] p) {
    double best = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = i + 1; j < p.length; j++) {
        double dx = p[i][0] - p[j][0];
        double dy = p[i][1] - p[j][1];
        double dz = p[i][2] - p[j][2];
        best = Math.max(best, dx * dx + dy * dy + dz * dz);
      }
    }
    return Math.sqrt(best);
  }

  /** Sample covariance (mm², n - 1 normalisation, as the IBSI reference values use) of the voxel centres in the mask. */
  private static double[][] covariance(boolean[] mask, ImageVolume image) {
    double[] s = image.spacing();
    double[] sum = new double[3];
    double[][] sumSq = new double[3][3];
    long n = 0;
    int i = 0;
    for (int z = 0; z < image.nz(); z++) {
      for (int y = 0; y < image.ny(); y++) {
        for (int x = 0; x < image.nx(); x++, i++) {
          if (mask[i]) {
            double[] p = {x * s[0], y * s[1], z * s[2]};
            n++;
            for (int a = 0; a < 3; a++) {
              sum[a] += p[a];
              for (int b = 0; b < 3; b++) {
                sumSq[a][b] += p[a] * p[b];
              }
            }
          }
        }
      }
    }
    double[][] cov = new double[3][3];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        cov[a][b] = (sumSq[a][b] - sum[a] * sum[b] / n) / (n - 1);
      }
    }
    return cov;
  }

  /** Extents of the points along three orthonormal axes. */
  private static double[] boxExtents(double[][] points, double[][] axes) {
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] p : points) {
        double t = p[0] * axes[k][0] + p[1] * axes[k][1] + p[2] * axes[k][2];
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
      out[k] = hi - lo;
    }
    return out;
  }

  private static double boxArea(double[] e) {
    return 2 * (e[0] * e[1] + e[0] * e[2] + e[1] * e[2]);
  }

  /**
   * Surface area of an ellipsoid with semi-axes a >= b >= c, by the Legendre series IBSI gives
   * (20 terms).
   */
  static double ellipsoidArea(double a, double b, double c) {
    double alpha = Math.sqrt(1 - b * b / (a * a));
    double beta = Math.sqrt(1 - c * c / (a * a));
    if (alpha * beta == 0) {
      return alpha == 0 && beta == 0 ? 4 * Math.PI * a * a : numericArea(a, b, c);
    }
    double x = (alpha * alpha + beta * beta) / (2 * alpha * beta);
    double sum = 0;
    double power = 1;
    for (int nu = 0; nu <= 20; nu++) {
      sum += power / (1 - 4.0 * nu * nu) * legendre(nu, x);
      power *= alpha * beta;
    }
    return 4 * Math.PI * a * b * sum;
  }

  /** Knud Thomsen's approximation, for the spheroid cases where the series is 0/0. */
  private static double numericArea(double a, double b, double c) {
    double p = 1.6075;
    double t = (Math.pow(a * b, p) + Math.pow(a * c, p) + Math.pow(b * c, p)) / 3;
    return 4 * Math.PI * Math.pow(t, 1 / p);
  }

  private static double legendre(int n, double x) {
    double p0 = 1;
    double p1 = x;
    if (n == 0) {
      return p0;
    }
    for (int k = 2; k <= n; k++) {
      double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    return p1;
  }
}
