package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The 3-D convex hull of integer points (mesh vertices in half-voxel units), built incrementally
 * with exact integer orientation tests, so coplanar and collinear points cannot make it fail.
 * Points that are not extreme along their x, y and z grid lines cannot be hull vertices and are
 * dropped first, which leaves a few thousand candidates for a typical tumour mesh.
 */
final class ConvexHull {
  private final long[] points;
  private final List<int[]> faces;

  private ConvexHull(long[] points, List<int[]> faces) {
    this.points = points;
    this.faces = faces;
  }

  /** The hull of the given x, y, z triples; no faces when all points are coplanar. */
  static ConvexHull of(int[] coordinates) {
    long[] p = candidates(coordinates);
    int n = p.length / 3;
    List<int[]> faces = new ArrayList<>();
    int[] order = shuffled(n);
    int[] tetra = initialTetrahedron(p, order);
    if (tetra == null) {
      return new ConvexHull(p, faces);
    }
    int a = tetra[0];
    int b = tetra[1];
    int c = tetra[2];
    int d = tetra[3];
    if (orient(p, a, b, c, d) > 0) {
      int t = b;
      b = c;
      c = t;
    }
    faces.add(new int[] {a, b, c});
    faces.add(new int[] {a, c, d});
    faces.add(new int[] {a, d, b});
    faces.add(new int[] {b, d, c});
    for (int k : order) {
      if (k == a || k == b || k == c || k == d) {
        continue;
      }
      addPoint(p, faces, k);
    }
    return new ConvexHull(p, faces);
  }

  private static void addPoint(long[] p, List<int[]> faces, int k) {
    Set<Long> visibleEdges = new HashSet<>();
    List<int[]> kept = new ArrayList<>(faces.size());
    List<int[]> visible = new ArrayList<>();
    for (int[] f : faces) {
      if (orient(p, f[0], f[1], f[2], k) > 0) {
        visible.add(f);
        for (int e = 0; e < 3; e++) {
          visibleEdges.add(edgeKey(f[e], f[(e + 1) % 3]));
        }
      } else {
        kept.add(f);
      }
    }
    if (visible.isEmpty()) {
      return;
    }
    for (int[] f : visible) {
      for (int e = 0; e < 3; e++) {
        int u = f[e];
        int v = f[(e + 1) % 3];
        if (!visibleEdges.contains(edgeKey(v, u))) {
          kept.add(new int[] {u, v, k});
        }
      }
    }
    faces.clear();
    faces.addAll(kept);
  }

  private static long edgeKey(int u, int v) {
    return ((long) u << 32) | (v & 0xffffffffL);
  }

  /** Sign of (b - a) x (c - a) . (d - a): positive when d is on the outer side of face abc. */
  private static long orient(long[] p, int a, int b, int c, int d) {
    long ax = p[3 * a];
    long ay = p[3 * a + 1];
    long az = p[3 * a + 2];
    long ux = p[3 * b] - ax;
    long uy = p[3 * b + 1] - ay;
    long uz = p[3 * b + 2] - az;
    long vx = p[3 * c] - ax;
    long vy = p[3 * c + 1] - ay;
    long vz = p[3 * c + 2] - az;
    long wx = p[3 * d] - ax;
    long wy = p[3 * d + 1] - ay;
    long wz = p[3 * d + 2] - az;
    return (uy * vz - uz * vy) * wx + (uz * vx - ux * vz) * wy + (ux * vy - uy * vx) * wz;
  }

  private static int[] initialTetrahedron(long[] p, int[] order) {
    int n = order.length;
    if (n < 4) {
      return null;
    }
    int a = order[0];
    int b = -1;
    for (int k : order) {
      if (p[3 * k] != p[3 * a] || p[3 * k + 1] != p[3 * a + 1] || p[3 * k + 2] != p[3 * a + 2]) {
        b = k;
        break;
      }
    }
    if (b < 0) {
      return null;
    }
    int c = -1;
    for (int k : order) {
      long ux = p[3 * b] - p[3 * a];
      long uy = p[3 * b + 1] - p[3 * a + 1];
      long uz = p[3 * b + 2] - p[3 * a + 2];
      long vx = p[3 * k] - p[3 * a];
      long vy = p[3 * k + 1] - p[3 * a + 1];
      long vz = p[3 * k + 2] - p[3 * a + 2];
      if (uy * vz - uz * vy != 0 || uz * vx - ux * vz != 0 || ux * vy - uy * vx != 0) {
        c = k;
        break;
      }
    }
    if (c < 0) {
      return null;
    }
    for (int k : order) {
      if (orient(p, a, b, c, k) != 0) {
        return new int[] {a, b, c, k};
      }
    }
    return null;
  }

  private static int[] shuffled(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(42);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** The points extreme along all three of their axis-parallel lines. */
  private static long[] candidates(int[] c) {
    int n = c.length / 3;
    boolean[] keep = new boolean[n];
    java.util.Arrays.fill(keep, true);
    for (int axis = 0; axis < 3; axis++) {
      Map<Long, int[]> extremes = new HashMap<>();
      int u = (axis + 1) % 3;
      int w = (axis + 2) % 3;
      for (int i = 0; i < n; i++) {
        long line = ((long) c[3 * i + u] << 32) | (c[3 * i + w] & 0xffffffffL);
        int[] e = extremes.computeIfAbsent(line, key -> new int[] {Integer.MAX_VALUE,
            Integer.MIN_VALUE});
        e[0] = Math.min(e[0], c[3 * i + axis]);
        e[1] = Math.max(e[1], c[3 * i + axis]);
      }
      for (int i = 0; i < n; i++) {
        long line = ((long) c[3 * i + u] << 32) | (c[3 * i + w] & 0xffffffffL);
        int[] e = extremes.get(line);
        int v = c[3 * i + axis];
        keep[i] &= v == e[0] || v == e[1];
      }
    }
    int m = 0;
    for (boolean k : keep) {
      m += k ? 1 : 0;
    }
    long[] out = new long[3 * m];
    int o = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        out[o++] = c[3 * i];
        out[o++] = c[3 * i + 1];
        out[o++] = c[3 * i + 2];
      }
    }
    return out;
  }

  boolean isDegenerate() {
    return faces.isEmpty();
  }

  /** Hull vertices scaled to mm by {@code scale} per axis (x, y, z triples). */
  double[][] verticesMm(double[] scale) {
    Set<Integer> used = new HashSet<>();
    for (int[] f : faces) {
      for (int v : f) {
        used.add(v);
      }
    }
    double[][] out = new double[used.size()][];
    int i = 0;
    for (int v : used) {
      out[i++] = pointMm(v, scale);
    }
    return out;
  }

  private double[] pointMm(int v, double[] scale) {
    return new double[] {points[3 * v] * scale[0], points[3 * v + 1] * scale[1],
        points[3 * v + 2] * scale[2]};
  }

  /** {volume, area} of the hull scaled to mm. */
  double[] volumeAndArea(double[] scale) {
    double volume = 0;
    double area = 0;
    for (int[] f : faces) {
      double[] a = pointMm(f[0], scale);
      double[] b = pointMm(f[1], scale);
      double[] c = pointMm(f[2], scale);
      volume += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0])
          + a[2] * (b[0] * c[1] - b[1] * c[0]);
      area += SurfaceMesh.triangleArea(a, b, c);
    }
    return new double[] {volume / 6, area};
  }
}
