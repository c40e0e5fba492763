package io.cohortflow.annotations;

import io.cohortflow.nifti.NiftiDatatype;
import io.cohortflow.nifti.NiftiImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds the bounding box of every distinct positive voxel value of a 3-D mask in one pass over the
 * volume, with a small accumulator per label instead of one boolean mask per label. Labels are
 * compared on their scaled double value, so 0.5 and 2.25 are labels like 1 and 2; values ≤ 0 and
 * NaN are background. For 8- and 16-bit masks a lookup table from stored value to accumulator keeps
 * the inner loop to one array read per voxel.
 */
public final class LabelScanner {
  private static final int SHORT_VALUES = 1 << 16;

  private LabelScanner() {}

  /** The box of each label, in ascending label order. */
  public static List<LabelBox> scan(NiftiImage mask) {
    TreeMap<Double, BoxAccumulator> labels = new TreeMap<>();
    NiftiDatatype.Storage storage = mask.datatype().storage();
    if (storage == NiftiDatatype.Storage.BYTE && mask.channels() == 1) {
      scanBytes(mask, lookupTable(mask, 256, labels));
    } else if (storage == NiftiDatatype.Storage.SHORT) {
      scanShorts(mask, lookupTable(mask, SHORT_VALUES, labels));
    } else {
      scanAny(mask, labels);
    }
    List<LabelBox> boxes = new ArrayList<>();
    for (BoxAccumulator accumulator : labels.values()) {
      if (!accumulator.isEmpty()) {
        boxes.add(accumulator.toBox(0));
      }
    }
    return boxes;
  }

  /** The accumulator of each stored 8/16-bit pattern, null for background; fills {@code labels}. */
  private static BoxAccumulator[] lookupTable(NiftiImage mask, int size,
      TreeMap<Double, BoxAccumulator> labels) {
    BoxAccumulator[] table = new BoxAccumulator[size];
    boolean signed = mask.datatype().signed();
    for (int pattern = 0; pattern < size; pattern++) {
      int stored = !signed ? pattern : size == 256 ? (byte) pattern : (short) pattern;
      double value = stored * mask.slope() + mask.intercept();
      if (value > 0) {
        table[pattern] = labels.computeIfAbsent(value, BoxAccumulator::new);
      }
    }
    return table;
  }

  private static void scanBytes(NiftiImage mask, BoxAccumulator[] table) {
    byte[] data = mask.byteData();
    int nx = mask.size(0);
    int rows = mask.size(1) * mask.size(2);
    byte[] zeros = new byte[nx];
    boolean skipZeroRows = table[0] == null;
    for (int row = 0, start = 0; row < rows; row++, start += nx) {
      // Masks are mostly background: a vectorised compare skips empty rows.
      if (skipZeroRows && Arrays.mismatch(data, start, start + nx, zeros, 0, nx) < 0) {
        continue;
      }
      int y = row % mask.size(1);
      int z = row / mask.size(1);
      for (int x = 0; x < nx; x++) {
        BoxAccumulator label = table[data[start + x] & 0xFF];
        if (label != null) {
          label.add(x, y, z);
        }
      }
    }
  }

  private static void scanShorts(NiftiImage mask, BoxAccumulator[] table) {
    short[] data = mask.shortData();
    int nx = mask.size(0);
    int rows = mask.size(1) * mask.size(2);
    short[] zeros = new short[nx];
    boolean skipZeroRows = table[0] == null;
    for (int row = 0, start = 0; row < rows; row++, start += nx) {
      if (skipZeroRows && Arrays.mismatch(data, start, start + nx, zeros, 0, nx) < 0) {
        continue;
      }
      int y = row % mask.size(1);
      int z = row / mask.size(1);
      for (int x = 0; x < nx; x++) {
        BoxAccumulator label = table[data[start + x] & 0xFFFF];
        if (label != null) {
          label.add(x, y, z);
        }
      }
    }
  }

  private static void scanAny(NiftiImage mask, TreeMap<Double, BoxAccumulator> labels) {
    int nx = mask.size(0);
    int ny = mask.size(1);
    int nz = mask.size(2);
    int i = 0;
    BoxAccumulator last = null;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double value = mask.scaled(i++);
          if (value > 0) {
            if (last == null || last.label != value) {
              last = labels.computeIfAbsent(value, BoxAccumulator::new);
            }
            last.add(x, y, z);
          }
        }
      }
    }
  }
}
