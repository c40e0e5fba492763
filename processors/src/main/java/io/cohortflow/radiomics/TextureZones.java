package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The zones of an ROI, shared by GLSZM (IBSI 3.8) and GLDZM (IBSI 3.9): connected groups of
 * intensity-mask voxels with the same grey level, linked through 8 in-plane neighbours (2-D, one
 * set of zones per slice) or 26 neighbours (3-D). Each zone keeps its grey level, size and the
 * smallest edge distance of its voxels, so both matrices come from one labelling.
 */
final class TextureZones {
  private final TextureVolume volume;
  private final boolean inPlane;
  private int count;
  private int[] level = new int[64];
  private int[] size = new int[64];
  private int[] distance = new int[64];
  private int[] unit = new int[64];

  private TextureZones(TextureVolume volume, boolean inPlane) {
    this.volume = volume;
    this.inPlane = inPlane;
  }

  /** Labels the zones; the GLDZM distance map is computed on the morphological mask. */
  static TextureZones label(TextureVolume volume, boolean inPlane) {
    TextureZones zones = new TextureZones(volume, inPlane);
    int[] levels = volume.levels();
    int[] distanceMap = GldzmDistanceMap.of(volume, inPlane);
    int[] neighbours = volume.neighbourOffsets(inPlane);
    boolean[] visited = new boolean[volume.size()];
    int[] stack = new int[volume.roi().length];
    for (int seed : volume.roi()) {
      if (visited[seed]) {
        continue;
      }
      int g = levels[seed];
      visited[seed] = true;
      stack[0] = seed;
      int top = 1;
      int zoneSize = 0;
      int zoneDistance = Integer.MAX_VALUE;
      while (top > 0) {
        int k = stack[--top];
        zoneSize++;
        zoneDistance = Math.min(zoneDistance, distanceMap[k]);
        for (int offset : neighbours) {
          int q = k + offset;
          if (!visited[q] && levels[q] == g) {
            visited[q] = true;
            stack[top++] = q;
          }
        }
      }
      zones.add(g, zoneSize, zoneDistance, volume.unitOf(inPlane, seed));
    }
    return zones;
  }

  private void add(int zoneLevel, int zoneSize, int zoneDistance, int zoneUnit) {
    if (count == level.length) {
      level = Arrays.copyOf(level, 2 * count);
      size = Arrays.copyOf(size, 2 * count);
      distance = Arrays.copyOf(distance, 2 * count);
      unit = Arrays.copyOf(unit, 2 * count);
    }
    level[count] = zoneLevel;
    size[count] = zoneSize;
    distance[count] = zoneDistance;
    unit[count] = zoneUnit;
    count++;
  }

  /** GLSZM: grey level × zone size, one matrix per slice (2-D) or one for the volume. */
  List<TextureCountMatrix> sizeMatrices() {
    return matrices(size);
  }

  /** GLDZM: grey level × zone distance, one matrix per slice (2-D) or one for the volume. */
  List<TextureCountMatrix> distanceMatrices() {
    return matrices(distance);
  }

  private List<TextureCountMatrix> matrices(int[] column) {
    int units = volume.unitCount(inPlane);
    // zones are labelled in unit order, so each unit's zones are one contiguous run
    List<TextureCountMatrix> matrices = new ArrayList<>();
    int first = 0;
    for (int u = 0; u < units; u++) {
      int end = first;
      while (end < count && unit[end] == u) {
        end++;
      }
      matrices.add(TextureCountMatrix.of(volume.greyLevelCount(), level, column, first, end,
          volume.unitEnd(inPlane, u) - volume.unitStart(inPlane, u)));
      first = end;
    }
    return matrices;
  }
}
