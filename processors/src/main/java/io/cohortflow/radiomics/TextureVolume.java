package io.cohortflow.radiomics;

import java.util.Arrays;

/**
 * The ROI of a {@link DiscretisedImage} cropped to its bounding box and padded with a border of
 * voxels outside the ROI, so that every texture builder works in proportion to the ROI and looks
 * up neighbours without bounds checks. Voxels of the intensity mask are listed slice by slice
 * (slices are along z), so a 2-D builder takes a slice as one range of that list.
 */
final class TextureVolume {
  private final int sx;
  private final int sy;
  private final int sz;
  private final int padding;
  private final int[] levels;
  private final boolean[] morphological;
  private final int greyLevelCount;
  private final int[] roi;
  private final int[] sliceStart;

  private TextureVolume(int sx, int sy, int sz, int padding, int[] levels,
      boolean[] morphological, int greyLevelCount, int[] roi, int[] sliceStart) {
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.padding = padding;
    this.levels = levels;
    this.morphological = morphological;
    this.greyLevelCount = greyLevelCount;
    this.roi = roi;
    this.sliceStart = sliceStart;
  }

  /**
   * Crops the image to the bounding box of both masks, padded by {@code padding} voxels.
   *
   * @throws RadiomicsException when a grey level lies outside 0..N_g or the intensity mask is
   *     empty
   */
  static TextureVolume of(DiscretisedImage image, int padding) {
    int ng = image.greyLevelCount();
    if (ng < 1) {
      throw new RadiomicsException("the number of grey levels must be at least 1, was " + ng);
    }
    int[] box = boundingBox(image);
    if (box == null) {
      throw new RadiomicsException(
          "texture features need voxels, but the intensity mask is empty");
    }
    int sx = box[3] - box[0] + 1 + 2 * padding;
    int sy = box[4] - box[1] + 1 + 2 * padding;
    int sz = box[5] - box[2] + 1 + 2 * padding;
    int[] levels = new int[Math.multiplyExact(Math.multiplyExact(sx, sy), sz)];
    boolean[] morphological = new boolean[levels.length];
    int slices = box[5] - box[2] + 1;
    int[] sliceStart = new int[slices + 1];
    int[] roi = new int[levels.length];
    int count = 0;
    for (int z = box[2]; z <= box[5]; z++) {
      sliceStart[z - box[2]] = count;
      for (int y = box[1]; y <= box[4]; y++) {
        int source = image.index(box[0], y, z);
        int target = padding + sx * ((y - box[1] + padding) + sy * (z - box[2] + padding));
        for (int x = box[0]; x <= box[3]; x++, source++, target++) {
          int level = image.levels()[source];
          levels[target] = level;
          morphological[target] = image.morphologicalMask()[source] || level > 0;
          if (level > 0) {
            roi[count++] = target;
          }
        }
      }
    }
    sliceStart[slices] = count;
    return new TextureVolume(sx, sy, sz, padding, levels, morphological, ng,
        Arrays.copyOf(roi, count), sliceStart);
  }

  /** {x0, y0, z0, x1, y1, z1} of voxels in either mask (inclusive), or null without ROI voxels. */
  private static int[] boundingBox(DiscretisedImage image) {
    int[] levels = image.levels();
    boolean[] mask = image.morphologicalMask();
    int ng = image.greyLevelCount();
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
    boolean anyLevel = false;
    int i = 0;
    for (int z = 0; z < image.nz(); z++) {
      for (int y = 0; y < image.ny(); y++) {
        for (int x = 0; x < image.nx(); x++, i++) {
          int level = levels[i];
          if (level < 0 || level > ng) {
            throw new RadiomicsException("grey level " + level + " at voxel (" + x + ", " + y
                + ", " + z + ") lies outside 1.." + ng);
          }
          if (level > 0 || mask[i]) {
            anyLevel |= level > 0;
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.min(box[2], z);
            box[3] = Math.max(box[3], x);
            box[4] = Math.max(box[4], y);
            box[5] = Math.max(box[5], z);
          }
        }
      }
    }
    return anyLevel ? box : null;
  }

  int greyLevelCount() { return greyLevelCount; }

  /** Grey levels of the padded volume, 0 outside the intensity mask. */
  int[] levels() { return levels; }

  /** The morphological mask of the padded volume (always containing the intensity mask). */
  boolean[] morphological() { return morphological; }

  /** Indices of intensity-mask voxels in the padded volume, slice by slice. */
  int[] roi() { return roi; }

  int sliceCount() { return sliceStart.length - 1; }

  /**
   * Matrices are counted per unit: one per slice for 2-D (in-plane) matrices, one for the whole
   * volume for 3-D ones.
   */
  int unitCount(boolean inPlane) { return inPlane ? sliceCount() : 1; }

  /** First position in {@link #roi()} of a unit's voxels. */
  int unitStart(boolean inPlane, int unit) { return inPlane ? sliceStart[unit] : 0; }

  /** Position in {@link #roi()} after a unit's last voxel. */
  int unitEnd(boolean inPlane, int unit) { return inPlane ? sliceStart[unit + 1] : roi.length; }

  /** The unit a padded index belongs to. */
  int unitOf(boolean inPlane, int index) { return inPlane ? sliceOf(index) : 0; }

  /** The slice (0-based within the ROI's bounding box) of a padded index. */
  int sliceOf(int index) { return index / (sx * sy) - padding; }

  /** The largest number of voxels along a line through the cropped ROI. */
  int longestLine() { return Math.max(sx, Math.max(sy, sz)) - 2 * padding; }

  int size() { return levels.length; }

  int offset(int dx, int dy, int dz) { return dx + sx * (dy + sy * dz); }

  /**
   * One offset per undirected direction at Chebyshev distance {@code distance}: the 4 in-plane
   * directions (2-D) or the 13 directions of 3-D space.
   */
  int[] directionOffsets(boolean inPlane, int distance) {
    if (distance > padding) {
      throw new IllegalArgumentException("distance " + distance + " exceeds padding " + padding);
    }
    int[] offsets = new int[inPlane ? 4 : 13];
    int n = 0;
    for (int dz = 0; dz <= (inPlane ? 0 : 1); dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          boolean forward = dz > 0 || dy > 0 || (dy == 0 && dx > 0);
          if (forward) {
            offsets[n++] = offset(dx * distance, dy * distance, dz * distance);
          }
        }
      }
    }
    return offsets;
  }

  /** Offsets of the 8 in-plane or 26 neighbours at Chebyshev distance 1. */
  int[] neighbourOffsets(boolean inPlane) {
    int[] offsets = new int[inPlane ? 8 : 26];
    int n = 0;
    int zRange = inPlane ? 0 : 1;
    for (int dz = -zRange; dz <= zRange; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if (dx != 0 || dy != 0 || dz != 0) {
            offsets[n++] = offset(dx, dy, dz);
          }
        }
      }
    }
    return offsets;
  }

  /** Offsets of the 4 in-plane or 6 face neighbours (city-block distance 1). */
  int[] faceOffsets(boolean inPlane) {
    int[] plane = {offset(1, 0, 0), offset(-1, 0, 0), offset(0, 1, 0), offset(0, -1, 0)};
    if (inPlane) {
      return plane;
    }
    return new int[] {plane[0], plane[1], plane[2], plane[3], offset(0, 0, 1), offset(0, 0, -1)};
  }
}
