package io.cohortflow.annotations;

import io.cohortflow.nifti.NiftiImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits each label of a 3-D mask into connected components: 26-connectivity in the volume, or
 * 8-connectivity inside each slice along a view's slice axis (components never cross slices).
 * Voxels connect only to voxels of the same label value. Components are numbered per label in the
 * order their first voxel appears in storage order (i fastest, then j, then k).
 */
public final class ComponentLabeler {
  private ComponentLabeler() {}

  /**
   * The box of every component, ordered by label then component number.
   *
   * @param sliceAxis the axis components must not cross, or -1 for 3-D components
   */
  public static List<LabelBox> components(NiftiImage mask, int sliceAxis) {
    int[] size = {mask.size(0), mask.size(1), mask.size(2)};
    int[] labelIds = labelIds(mask);
    int[] offsets = neighbourOffsets(sliceAxis);
    int[] visited = new int[labelIds.length];
    int[] queue = new int[labelIds.length];
    List<BoxAccumulator> found = new ArrayList<>();
    List<Integer> foundLabel = new ArrayList<>();
    for (int start = 0; start < labelIds.length; start++) {
      if (labelIds[start] == 0 || visited[start] != 0) {
        continue;
      }
      BoxAccumulator box = new BoxAccumulator(mask.scaled(start));
      found.add(box);
      foundLabel.add(labelIds[start]);
      flood(start, found.size(), labelIds, visited, queue, size, offsets, box);
    }
    return numbered(found, foundLabel);
  }

  private static void flood(int start, int component, int[] labelIds, int[] visited, int[] queue,
      int[] size, int[] offsets, BoxAccumulator box) {
    int head = 0;
    int tail = 0;
    queue[tail++] = start;
    visited[start] = component;
    int plane = size[0] * size[1];
    while (head < tail) {
      int index = queue[head++];
      int x = index % size[0];
      int y = (index / size[0]) % size[1];
      int z = index / plane;
      box.add(x, y, z);
      for (int n = 0; n < offsets.length; n += 3) {
        int nx = x + offsets[n];
        int ny = y + offsets[n + 1];
        int nz = z + offsets[n + 2];
        if (nx < 0 || ny < 0 || nz < 0 || nx >= size[0] || ny >= size[1] || nz >= size[2]) {
          continue;
        }
        int neighbour = nx + size[0] * (ny + size[1] * nz);
        if (visited[neighbour] == 0 && labelIds[neighbour] == labelIds[index]) {
          visited[neighbour] = component;
          queue[tail++] = neighbour;
        }
      }
    }
  }

  /** Label number of each voxel (1 = smallest positive value), 0 for background. */
  private static int[] labelIds(NiftiImage mask) {
    Map<Double, Integer> ids = new HashMap<>();
    for (LabelBox label : LabelScanner.scan(mask)) {
      ids.put(label.label(), ids.size() + 1);
    }
    int[] labelIds = new int[(int) mask.voxelCount()];
    for (int i = 0; i < labelIds.length; i++) {
      double value = mask.scaled(i);
      if (value > 0) {
        labelIds[i] = ids.get(value);
      }
    }
    return labelIds;
  }

  /** (dx, dy, dz) triples of the neighbours: 26 in 3-D, the 8 in-plane ones in 2-D. */
  private static int[] neighbourOffsets(int sliceAxis) {
    List<Integer> offsets = new ArrayList<>();
    for (int dz = -1; dz <= 1; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          int[] d = {dx, dy, dz};
          if ((dx | dy | dz) != 0 && (sliceAxis < 0 || d[sliceAxis] == 0)) {
            offsets.add(dx);
            offsets.add(dy);
            offsets.add(dz);
          }
        }
      }
    }
    return offsets.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<LabelBox> numbered(List<BoxAccumulator> found, List<Integer> foundLabel) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(foundLabel::get)); // stable: discovery order within a label
    List<LabelBox> boxes = new ArrayList<>();
    int previousLabel = -1;
    int component = 0;
    for (int i : order) {
      component = foundLabel.get(i) == previousLabel ? component + 1 : 1;
      previousLabel = foundLabel.get(i);
      boxes.add(found.get(i).toBox(component));
    }
    return boxes;
  }
}
