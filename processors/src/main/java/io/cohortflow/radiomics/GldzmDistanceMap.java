package io.cohortflow.radiomics;

/**
 * The GLDZM distance map (IBSI 3.10): for each voxel of the morphological mask, the city-block
 * distance to its edge, i.e. the fewest face steps (4-connected in-plane for 2-D, 6-connected for
 * 3-D) to leave the mask; voxels on the edge have distance 1. Computed by a breadth-first sweep
 * inwards from the edge voxels.
 */
final class GldzmDistanceMap {
  private GldzmDistanceMap() {}

  /** Distances over the padded volume, 0 outside the morphological mask. */
  static int[] of(TextureVolume volume, boolean inPlane) {
    boolean[] mask = volume.morphological();
    int[] faces = volume.faceOffsets(inPlane);
    int[] distance = new int[volume.size()];
    int[] queue = new int[volume.size()];
    int tail = 0;
    for (int k = 0; k < mask.length; k++) {
      if (mask[k] && touchesOutside(mask, faces, k)) {
        distance[k] = 1;
        queue[tail++] = k;
      }
    }
    for (int head = 0; head < tail; head++) {
      int k = queue[head];
      for (int face : faces) {
        int neighbour = k + face;
        if (mask[neighbour] && distance[neighbour] == 0) {
          distance[neighbour] = distance[k] + 1;
          queue[tail++] = neighbour;
        }
      }
    }
    return distance;
  }

  private static boolean touchesOutside(boolean[] mask, int[] faces, int k) {
    for (int face : faces) {
      if (!mask[k + face]) {
        return true;
      }
    }
    return false;
  }
}
