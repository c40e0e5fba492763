package io.cohortflow.radiomics;

/**
 * An ROI after the IBSI processing chain, as the texture families need it: grey levels 1..N_g of
 * the voxels in the intensity mask (0 outside it) and the morphological mask, which GLDZM uses for
 * distances to the edge. Arrays are flat, x fastest: {@code index = x + nx * (y + ny * z)}.
 */
public final class DiscretisedImage {
  private final int nx;
  private final int ny;
  private final int nz;
  private final double[] spacing;
  private final int[] levels;
  private final boolean[] morphologicalMask;
  private final int greyLevelCount;

  /**
   * @param spacing voxel size in mm along x, y, z
   * @param levels grey level of each voxel in the intensity mask, 0 for voxels outside it
   * @param morphologicalMask the ROI before re-segmentation
   * @param greyLevelCount N_g: the number of grey levels texture matrices are sized for
   */
  public DiscretisedImage(int nx, int ny, int nz, double[] spacing, int[] levels,
      boolean[] morphologicalMask, int greyLevelCount) {
    int n = Math.multiplyExact(Math.multiplyExact(nx, ny), nz);
    if (levels.length != n || morphologicalMask.length != n || spacing.length != 3) {
      throw new IllegalArgumentException("array sizes do not match " + nx + "x" + ny + "x" + nz);
    }
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.spacing = spacing.clone();
    this.levels = levels;
    this.morphologicalMask = morphologicalMask;
    this.greyLevelCount = greyLevelCount;
  }

  public int nx() { return nx; }

  public int ny() { return ny; }

  public int nz() { return nz; }

  public double[] spacing() { return spacing.clone(); }

  /** Grey level at a flat index; 0 outside the intensity mask. The array is shared, not copied. */
  public int[] levels() { return levels; }

  /** The morphological mask; shared, not copied. */
  public boolean[] morphologicalMask() { return morphologicalMask; }

  public int greyLevelCount() { return greyLevelCount; }

  public int index(int x, int y, int z) {
    return x + nx * (y + ny * z);
  }
}
