package io.cohortflow.annotations;

/**
 * The extent of one annotation in voxel indices: the minimum and maximum index along each voxel
 * axis (both inclusive) over the voxels of one label value, or of one connected component of it.
 *
 * @param label the voxel value (after scaling) the annotation stands for
 * @param component 1-based component number within the label, 0 when labels are not split
 * @param min the smallest i, j, k index
 * @param max the largest i, j, k index
 */
public record LabelBox(double label, int component, int[] min, int[] max) {

  public LabelBox {
    min = min.clone();
    max = max.clone();
  }

  @Override
  public int[] min() {
    return min.clone();
  }

  @Override
  public int[] max() {
    return max.clone();
  }

  public int min(int axis) {
    return min[axis];
  }

  public int max(int axis) {
    return max[axis];
  }

  /** (min + max) / 2 along a voxel axis. */
  public double center(int axis) {
    return (min[axis] + max[axis]) / 2.0;
  }

  /** (max - min) / 2 along a voxel axis. */
  public double radius(int axis) {
    return (max[axis] - min[axis]) / 2.0;
  }
}
