package io.cohortflow.annotations;

/** The running min/max voxel index of one annotation while a volume is scanned. */
final class BoxAccumulator {
  final double label;
  private int minX = Integer.MAX_VALUE;
  private int minY = Integer.MAX_VALUE;
  private int minZ = Integer.MAX_VALUE;
  private int maxX = -1;
  private int maxY = -1;
  private int maxZ = -1;

  BoxAccumulator(double label) {
    this.label = label;
  }

  void add(int x, int y, int z) {
    if (x < minX) {
      minX = x;
    }
    if (x > maxX) {
      maxX = x;
    }
    if (y < minY) {
      minY = y;
    }
    if (y > maxY) {
      maxY = y;
    }
    if (z < minZ) {
      minZ = z;
    }
    if (z > maxZ) {
      maxZ = z;
    }
  }

  boolean isEmpty() {
    return maxX < 0;
  }

  LabelBox toBox(int component) {
    return new LabelBox(label, component, new int[] {minX, minY, minZ},
        new int[] {maxX, maxY, maxZ});
  }
}
