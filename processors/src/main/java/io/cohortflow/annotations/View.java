package io.cohortflow.annotations;

import java.util.Locale;

/**
 * The three views of nidataset: which voxel axis a slice is taken along, and which voxel axes become
 * the 2-D image's column (2-D X) and row (2-D Y). The volume is never reoriented: axes are the
 * on-disk voxel axes i, j, k (0, 1, 2).
 */
public enum View {
  AXIAL(2, 1, 0),
  CORONAL(1, 2, 0),
  SAGITTAL(0, 2, 1);

  private final int sliceAxis;
  private final int columnAxis;
  private final int rowAxis;

  View(int sliceAxis, int columnAxis, int rowAxis) {
    this.sliceAxis = sliceAxis;
    this.columnAxis = columnAxis;
    this.rowAxis = rowAxis;
  }

  /** The voxel axis slices are taken along. */
  public int sliceAxis() {
    return sliceAxis;
  }

  /** The voxel axis that becomes the 2-D X (image column). */
  public int columnAxis() {
    return columnAxis;
  }

  /** The voxel axis that becomes the 2-D Y (image row). */
  public int rowAxis() {
    return rowAxis;
  }

  /** The name used in file names and options: {@code axial}, {@code coronal}, {@code sagittal}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The view named {@code value}, or a usage error with nidataset's wording. */
  public static View parse(String value) {
    return OptionValues.parse(View.class, "view", value);
  }
}
