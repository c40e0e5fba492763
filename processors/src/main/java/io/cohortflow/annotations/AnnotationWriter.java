package io.cohortflow.annotations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one mask's annotations as nidataset's CSV files: one per slice
 * ({@code <prefix>_<view>_<slice:03>.csv}, for every slice in any annotation's range) or one per
 * volume ({@code <prefix>.csv}, header only when empty), with nidataset's column layouts, quirks
 * included (see docs/annotations.md). With {@code physical}, three world-coordinate columns follow.
 */
public final class AnnotationWriter {
  private static final List<String> WORLD_COLUMNS = List.of("CENTER_X_MM", "CENTER_Y_MM",
      "CENTER_Z_MM");

  private final AnnotationOptions options;

  public AnnotationWriter(AnnotationOptions options) {
    this.options = options;
  }

  /**
   * Writes the CSV files of one mask into {@code folder} (created if needed).
   *
   * @param prefix the CSV name prefix: {@link #csvPrefix(String)} of the mask's file name
   */
  public void write(Path folder, String prefix, Annotations annotations)
      throws IOException, AnnotationInputException {
    Files.createDirectories(folder);
    Padding padding = padding(annotations.shape());
    String view = options.view().label();
    if (options.extractionMode() == ExtractionMode.VOLUME) {
      List<List<String>> rows = new ArrayList<>();
      for (LabelBox box : annotations.boxes()) {
        rows.add(volumeRow(box, padding, annotations));
      }
      CsvFile.write(folder.resolve(prefix + ".csv"), header(), rows);
      return;
    }
    for (Map.Entry<Integer, List<LabelBox>> slice : boxesBySlice(annotations).entrySet()) {
      List<List<String>> rows = new ArrayList<>();
      for (LabelBox box : slice.getValue()) {
        rows.add(sliceRow(box, slice.getKey(), padding, annotations));
      }
      String name = prefix + "_" + view + "_" + String.format("%03d", slice.getKey()) + ".csv";
      CsvFile.write(folder.resolve(name), header(), rows);
    }
  }

  /** nidataset's CSV prefix: the name without {@code .nii.gz}/{@code .nii}, minus a trailing {@code _bbox}. */
  public static String csvPrefix(String fileName) {
    String stem = stem(fileName);
    return stem.endsWith("_bbox") ? stem.substring(0, stem.length() - "_bbox".length()) : stem;
  }

  /** The file name without {@code .nii.gz} or {@code .nii} (case-sensitive). */
  public static String stem(String fileName) {
    if (fileName.endsWith(".nii.gz")) {
      return fileName.substring(0, fileName.length() - ".nii.gz".length());
    }
    return fileName.endsWith(".nii") ? fileName.substring(0, fileName.length() - ".nii".length())
        : fileName;
  }

  private record Padding(int top, int left) {}

  private Padding padding(int[] shape) throws AnnotationInputException {
    if (options.targetSize() == null) {
      return new Padding(0, 0);
    }
    int h = shape[options.view().rowAxis()];
    int w = shape[options.view().columnAxis()];
    return new Padding(options.targetSize().top(h, w), options.targetSize().left(h, w));
  }

  /** Every slice in some annotation's slice-axis range, with those annotations in label order. */
  private TreeMap<Integer, List<LabelBox>> boxesBySlice(Annotations annotations) {
    int axis = options.view().sliceAxis();
    TreeMap<Integer, List<LabelBox>> slices = new TreeMap<>();
    for (LabelBox box : annotations.boxes()) {
      for (int slice = box.min(axis); slice <= box.max(axis); slice++) {
        slices.computeIfAbsent(slice, s -> new ArrayList<>()).add(box);
      }
    }
    return slices;
  }

  private List<String> header() {
    boolean volume = options.extractionMode() == ExtractionMode.VOLUME;
    List<String> columns = new ArrayList<>(switch (options.dataMode()) {
      case CENTER -> volume ? List.of("CENTER_X", "CENTER_Y", "CENTER_Z")
          : List.of("CENTER_X", "CENTER_Y");
      case BOX -> volume ? List.of("X_MIN", "Y_MIN", "Z_MIN", "X_MAX", "Y_MAX", "Z_MAX")
          : List.of("X_MIN", "Y_MIN", "X_MAX", "Y_MAX");
      case RADIUS -> volume
          ? List.of("CENTER_X", "CENTER_Y", "CENTER_Z", "RADIUS_X", "RADIUS_Y", "RADIUS_Z")
          : List.of("CENTER_X", "CENTER_Y", "RADIUS_X", "RADIUS_Y");
    });
    if (options.physical()) {
      columns.addAll(WORLD_COLUMNS);
    }
    return columns;
  }

  private List<String> sliceRow(LabelBox box, int slice, Padding padding, Annotations annotations) {
    int col = options.view().columnAxis();
    int row = options.view().rowAxis();
    List<String> cells = new ArrayList<>(switch (options.dataMode()) {
      case CENTER -> List.of(f(box.center(col) + padding.left()), f(box.center(row) + padding.top()));
      case BOX -> List.of(i(box.min(col) + padding.left()), i(box.min(row) + padding.top()),
          i(box.max(col) + padding.left()), i(box.max(row) + padding.top()));
      case RADIUS -> List.of(f(box.center(col) + padding.left()), f(box.center(row) + padding.top()),
          f(box.radius(col)), f(box.radius(row)));
    });
    if (options.physical()) {
      double[] ijk = {box.center(0), box.center(1), box.center(2)};
      ijk[options.view().sliceAxis()] = slice;
      addWorld(cells, annotations.world(ijk));
    }
    return cells;
  }

  private List<String> volumeRow(LabelBox box, Padding padding, Annotations annotations) {
    int col = options.view().columnAxis();
    int row = options.view().rowAxis();
    int axis = options.view().sliceAxis();
    List<String> cells = new ArrayList<>(switch (options.dataMode()) {
      // nidataset's quirk: CENTER_Z is the slice-axis minimum, not a centre.
      case CENTER -> List.of(f(box.center(col) + padding.left()), f(box.center(row) + padding.top()),
          i(box.min(axis)));
      case BOX -> List.of(i(box.min(col) + padding.left()), i(box.min(row) + padding.top()),
          i(box.min(axis)), i(box.max(col) + padding.left()), i(box.max(row) + padding.top()),
          i(box.max(axis)));
      // nidataset's quirk: raw 3-D values, neither mapped to the view nor padded.
      case RADIUS -> List.of(f(box.center(0)), f(box.center(1)), f(box.center(2)),
          f(box.radius(0)), f(box.radius(1)), f(box.radius(2)));
    });
    if (options.physical()) {
      addWorld(cells, annotations.world(new double[] {box.center(0), box.center(1), box.center(2)}));
    }
    return cells;
  }

  private static void addWorld(List<String> cells, double[] xyz) {
    for (double value : xyz) {
      cells.add(f(value));
    }
  }

  private static String f(double value) {
    return PythonFloat.format(value);
  }

  private static String i(int value) {
    return Integer.toString(value);
  }
}
