package io.cohortflow.radiomics;

import java.util.Arrays;

/**
 * A 3-D scalar image in memory: voxel values as a flat {@code double[]} (x fastest, {@code index =
 * x + nx * (y + ny * z)}), voxel spacing in mm, and the world position of voxel (0,0,0) with the
 * direction cosines of the three index axes. Images and masks of the radiomics engine are both
 * {@code ImageVolume}s; the engine never needs the file format they came from.
 */
public final class ImageVolume {
  private final int nx;
  private final int ny;
  private final int nz;
  private final double[] spacing;
  private final double[] origin;
  private final double[] direction;
  private final double[] voxels;

  /**
   * @param spacing voxel size in mm along the three index axes
   * @param origin world position (mm) of the centre of voxel (0,0,0)
   * @param direction 9 direction cosines, {@code direction[3 * axis + component]}: the world
   *     direction of index axis {@code axis}
   * @param voxels the values, x fastest; kept, not copied
   */
  public ImageVolume(int nx, int ny, int nz, double[] spacing, double[] origin, double[] direction,
      double[] voxels) {
    long n = (long) nx * ny * nz;
    if (nx < 1 || ny < 1 || nz < 1 || n != voxels.length) {
      throw new IllegalArgumentException("voxel array of " + voxels.length + " values does not match "
          + nx + "x" + ny + "x" + nz);
    }
    if (spacing.length != 3 || origin.length != 3 || direction.length != 9) {
      throw new IllegalArgumentException("spacing and origin need 3 values, direction 9");
    }
    for (double s : spacing) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("voxel spacing must be positive: " + Arrays.toString(spacing));
      }
    }
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.spacing = spacing.clone();
    this.origin = origin.clone();
    this.direction = direction.clone();
    this.voxels = voxels;
  }

  /** An image with identity direction and zero origin, for tests and synthetic data. */
  public static ImageVolume of(int nx, int ny, int nz, double[] spacing, double[] voxels) {
    return new ImageVolume(nx, ny, nz, spacing, new double[3], identityDirection(), voxels);
  }

  public static double[] identityDirection() {
    return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
  }

  public int nx() { return nx; }

  public int ny() { return ny; }

  public int nz() { return nz; }

  public int[] dims() { return new int[] {nx, ny, nz}; }

  public int size() { return voxels.length; }

  public double[] spacing() { return spacing.clone(); }

  public double[] origin() { return origin.clone(); }

  public double[] direction() { return direction.clone(); }

  /** The voxel values; shared, not copied. */
  public double[] voxels() { return voxels; }

  public int index(int x, int y, int z) {
    return x + nx * (y + ny * z);
  }

  public double get(int x, int y, int z) {
    return voxels[index(x, y, z)];
  }

  /** This geometry with other values (same size), e.g. a mask derived from this image. */
  public ImageVolume withVoxels(double[] values) {
    return new ImageVolume(nx, ny, nz, spacing, origin, direction, values);
  }

  /**
   * Why this image and {@code other} do not share a voxel grid, or {@code null} when they do: same
   * size, spacing within 0.1 %, direction cosines within 1e-3 and origins within a tenth of a voxel.
   */
  public String geometryMismatch(ImageVolume other) {
    if (nx != other.nx || ny != other.ny || nz != other.nz) {
      return "size " + nx + "x" + ny + "x" + nz + " vs " + other.nx + "x" + other.ny + "x" + other.nz;
    }
    for (int a = 0; a < 3; a++) {
      if (Math.abs(spacing[a] - other.spacing[a]) > 1e-3 * spacing[a]) {
        return "spacing " + Arrays.toString(spacing) + " vs " + Arrays.toString(other.spacing);
      }
      if (Math.abs(origin[a] - other.origin[a]) > 0.1 * spacing[a]) {
        return "origin " + Arrays.toString(origin) + " vs " + Arrays.toString(other.origin);
      }
    }
    for (int i = 0; i < 9; i++) {
      if (Math.abs(direction[i] - other.direction[i]) > 1e-3) {
        return "orientation " + Arrays.toString(direction) + " vs " + Arrays.toString(other.direction);
      }
    }
    return null;
  }
}
