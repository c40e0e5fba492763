package io.cohortflow.annotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.nifti.NiftiDatatype;
import io.cohortflow.nifti.NiftiHeader;
import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiReader;
import io.cohortflow.nifti.NiftiWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationExtractionTest {
  private static final double[][] IDENTITY = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};

  @TempDir Path dir;

  private static NiftiImage int16(int nx, int ny, int nz, short[] voxels, double[][] affine) {
    return new NiftiImage(NiftiHeader.forImage(new int[] {nx, ny, nz}, NiftiDatatype.INT16, affine),
        voxels);
  }

  private static void set(short[] voxels, int nx, int ny, int x, int y, int z, int value) {
    voxels[x + nx * (y + ny * z)] = (short) value;
  }

  private static AnnotationOptions options(ExtractionMode extraction, DataMode data,
      ComponentSplit split, boolean physical) {
    return new AnnotationOptions(View.AXIAL, SavingMode.CASE, extraction, data, null, false, split,
        physical);
  }

  @Test
  void oneBoxPerDistinctPositiveScaledValueIgnoringBackgroundNegativesAndNaN() throws Exception {
    float[] voxels = new float[4 * 3 * 2];
    Arrays.fill(voxels, Float.NaN);
    voxels[0] = 0;
    voxels[1] = 2.25f;   // (1,0,0)
    voxels[23] = 2.25f;  // (3,2,1)
    voxels[5] = 0.5f;    // (1,1,0)
    voxels[6] = -3f;     // (2,1,0): negative, background
    NiftiImage mask = new NiftiImage(NiftiHeader.forImage(new int[] {4, 3, 2},
        NiftiDatatype.FLOAT32, IDENTITY), voxels);

    List<LabelBox> boxes = LabelScanner.scan(mask);

    assertThat(boxes).extracting(LabelBox::label).containsExactly(0.5, 2.25);
    assertThat(boxes.get(0).min()).containsExactly(1, 1, 0);
    assertThat(boxes.get(0).max()).containsExactly(1, 1, 0);
    assertThat(boxes.get(1).min()).containsExactly(1, 0, 0);
    assertThat(boxes.get(1).max()).containsExactly(3, 2, 1);
  }

  @Test
  void scalingDecidesTheLabelsOfIntegerMasks() {
    short[] voxels = new short[8];
    voxels[0] = 2;  // 2 * 0.5 - 1 = 0: background
    voxels[3] = 4;  // 1.0
    voxels[7] = 5;  // 1.5
    voxels[1] = -4; // -3: background
    NiftiImage mask = new NiftiImage(NiftiHeader.forImage(new int[] {2, 2, 2}, NiftiDatatype.INT16,
        IDENTITY).withScaling(0.5, -1), voxels);

    assertThat(LabelScanner.scan(mask)).extracting(LabelBox::label).containsExactly(1.0, 1.5);
  }

  @Test
  void componentSplitSeparatesBlobsOfOneLabelWith26And8Connectivity() throws Exception {
    int n = 6;
    short[] voxels = new short[n * n * n];
    set(voxels, n, n, 0, 0, 0, 1);
    set(voxels, n, n, 1, 1, 1, 1); // touches (0,0,0) by a corner: one 3-D component
    set(voxels, n, n, 5, 5, 5, 1); // a second component of label 1
    set(voxels, n, n, 3, 0, 0, 2);
    NiftiImage mask = int16(n, n, n, voxels, IDENTITY);

    List<LabelBox> whole = new AnnotationExtractor(options(ExtractionMode.VOLUME, DataMode.BOX,
        ComponentSplit.NONE, false)).extract(mask).boxes();
    List<LabelBox> split3d = new AnnotationExtractor(options(ExtractionMode.VOLUME, DataMode.BOX,
        ComponentSplit.COMPONENTS3D, false)).extract(mask).boxes();
    List<LabelBox> split2d = new AnnotationExtractor(options(ExtractionMode.VOLUME, DataMode.BOX,
        ComponentSplit.COMPONENTS2D, false)).extract(mask).boxes();

    assertThat(whole).hasSize(2);
    assertThat(whole.get(0).max()).containsExactly(5, 5, 5);
    assertThat(split3d).extracting(b -> b.label() + "#" + b.component())
        .containsExactly("1.0#1", "1.0#2", "2.0#1");
    assertThat(split3d.get(0).min()).containsExactly(0, 0, 0);
    assertThat(split3d.get(0).max()).containsExactly(1, 1, 1);
    assertThat(split3d.get(1).min()).containsExactly(5, 5, 5);
    // Axial 2-D components never cross z: the corner-touching pair falls apart.
    assertThat(split2d).extracting(b -> b.label() + "#" + b.component())
        .containsExactly("1.0#1", "1.0#2", "1.0#3", "2.0#1");
  }

  @Test
  void physicalColumnsGiveTheCentreInWorldCoordinates() throws Exception {
    short[] voxels = new short[4 * 4 * 4];
    set(voxels, 4, 4, 1, 2, 3, 7);
    set(voxels, 4, 4, 2, 2, 3, 7);
    double[][] affine = {{2, 0, 0, -10}, {0, 0.5, 0, 5}, {0, 0, 3, 0.25}, {0, 0, 0, 1}};
    NiftiImage mask = int16(4, 4, 4, voxels, affine);
    AnnotationOptions options = options(ExtractionMode.VOLUME, DataMode.CENTER, ComponentSplit.NONE, true);

    new AnnotationWriter(options).write(dir, "m", new AnnotationExtractor(options).extract(mask));

    // centre (1.5, 2, 3) -> (2 * 1.5 - 10, 0.5 * 2 + 5, 3 * 3 + 0.25); 2-D X = j, 2-D Y = i, Z = k min.
    assertThat(Files.readString(dir.resolve("m.csv"))).isEqualTo(
        "CENTER_X,CENTER_Y,CENTER_Z,CENTER_X_MM,CENTER_Y_MM,CENTER_Z_MM\r\n"
            + "2.0,1.5,3,-7.0,6.0,9.25\r\n");
  }

  @Test
  void rejectsNon3dMasksAndTargetsSmallerThanTheSlice() {
    NiftiImage fourD = new NiftiImage(NiftiHeader.forImage(new int[] {2, 3, 4, 2},
        NiftiDatatype.UINT8, IDENTITY), new byte[48]);
    AnnotationOptions defaults = AnnotationOptions.defaults();
    assertThatThrownBy(() -> new AnnotationExtractor(defaults).extract(fourD))
        .isInstanceOf(AnnotationInputException.class)
        .hasMessage("expected a 3D NIfTI file. Got shape '(2, 3, 4, 2)' instead.");

    NiftiImage mask = int16(20, 16, 12, new short[20 * 16 * 12], IDENTITY);
    AnnotationOptions small = new AnnotationOptions(View.AXIAL, SavingMode.CASE, ExtractionMode.SLICE,
        DataMode.CENTER, new TargetSize(24, 10), false, ComponentSplit.NONE, false);
    assertThatThrownBy(() -> new AnnotationExtractor(small).extract(mask))
        .isInstanceOf(AnnotationInputException.class)
        .hasMessage("target_size (24, 10) is smaller than slice dimensions (20, 16). "
            + "Target size must be >= slice dimensions.");
  }

  @Test
  void usageErrorsUseNidatasetsMessages() throws IOException {
    assertThatThrownBy(() -> NiftiInputs.listFolder(dir.resolve("missing")))
        .isInstanceOf(AnnotationUsageException.class)
        .hasMessage("the input folder '" + dir.resolve("missing") + "' does not exist");
    Files.writeString(dir.resolve("readme.txt"), "no images");
    assertThatThrownBy(() -> NiftiInputs.listFolder(dir))
        .isInstanceOf(AnnotationUsageException.class)
        .hasMessage("no NIfTI files found in '" + dir + "'");
    assertThatThrownBy(() -> NiftiInputs.checkFile(dir.resolve("readme.txt")))
        .hasMessageContaining("invalid file format");
    assertThatThrownBy(() -> View.parse("top"))
        .hasMessage("invalid view 'top'. Must be one of: 'axial', 'coronal', 'sagittal'.");
    assertThatThrownBy(() -> DataMode.parse("boxes")).hasMessageContaining("invalid data_mode 'boxes'");
    assertThatThrownBy(() -> TargetSize.parse("24x20")).hasMessageContaining("invalid target_size '24x20'");
    assertThat(TargetSize.parse("24,20")).isEqualTo(new TargetSize(24, 20));
  }

  @Test
  void batchReportsUnreadableFilesSkipsThemAndKeepsTheOthers() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    short[] voxels = new short[3 * 3 * 3];
    set(voxels, 3, 3, 1, 1, 1, 4);
    NiftiWriter.write(int16(3, 3, 3, voxels, IDENTITY), input.resolve("good.nii.gz"));
    byte[] whole = Files.readAllBytes(input.resolve("good.nii.gz"));
    Files.write(input.resolve("cut.nii.gz"), Arrays.copyOf(whole, whole.length - 12));
    NiftiWriter.write(new NiftiImage(NiftiHeader.forImage(new int[] {2, 2, 2, 2}, NiftiDatatype.UINT8,
        IDENTITY), new byte[16]), input.resolve("four_d.nii"));
    Files.writeString(input.resolve("text.nii"), "not an image at all");
    Path out = dir.resolve("out");
    AnnotationOptions options = new AnnotationOptions(View.AXIAL, SavingMode.CASE,
        ExtractionMode.VOLUME, DataMode.BOX, null, true, ComponentSplit.NONE, false);
    StringBuilder reported = new StringBuilder();

    BatchOutcome outcome = new AnnotationDataset(options, new NiftiReader(), 2).runFolder(input, out,
        (file, failure) -> reported.append(file.getFileName()).append(failure == null ? " ok" : " failed").append('\n'));

    assertThat(reported.toString()).isEqualTo("cut.nii.gz failed\nfour_d.nii failed\ngood.nii.gz ok\ntext.nii failed\n");
    assertThat(outcome.failures()).extracting(f -> f.file().getFileName() + ": " + f.reason())
        .containsExactly(
            "cut.nii.gz: corrupt or truncated gzip data: Unexpected end of ZLIB input stream",
            "four_d.nii: expected a 3D NIfTI file. Got shape '(2, 2, 2, 2)' instead.",
            "text.nii: not a NIfTI file: sizeof_hdr is neither 348 nor 540");
    assertThat(Files.readString(out.resolve("good/axial/good.csv")))
        .isEqualTo("X_MIN,Y_MIN,Z_MIN,X_MAX,Y_MAX,Z_MAX\r\n1,1,1,1,1,1\r\n");
    assertThat(Files.readString(out.resolve("axial_annotations_stats.csv")))
        .isEqualTo("FILENAME,NUM_ANNOTATIONS\r\ngood.nii.gz,1\r\nTOTAL_ANNOTATIONS,1\r\n");
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void parallelRunsWriteCollidingViewModeNamesInInputOrder() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    for (int i = 0; i < 6; i++) {
      short[] voxels = new short[5 * 5 * 5];
      set(voxels, 5, 5, i % 5, 1, 2, 1);
      set(voxels, 5, 5, 4, i % 5, 3, 2 + i);
      // "m_bbox" and "m" share the CSV prefix "m": in view mode the later file wins.
      String name = i == 4 ? "m_bbox.nii.gz" : i == 5 ? "m.nii" : "case" + i + ".nii.gz";
      NiftiWriter.write(int16(5, 5, 5, voxels, IDENTITY), input.resolve(name));
    }
    AnnotationOptions options = new AnnotationOptions(View.CORONAL, SavingMode.VIEW,
        ExtractionMode.SLICE, DataMode.RADIUS, new TargetSize(9, 7), true, ComponentSplit.NONE, false);
    Path one = dir.resolve("one");
    Path four = dir.resolve("four");
    new AnnotationDataset(options, new NiftiReader(), 1).runFolder(input, one, BatchListener.NONE);
    new AnnotationDataset(options, new NiftiReader(), 4).runFolder(input, four, BatchListener.NONE);

    assertThat(tree(four)).isEqualTo(tree(one)).isNotEmpty();
    // "m_bbox.nii.gz" sorts after "m.nii", so its slice 1 (label 1 at i = 4, padded by 2 rows and
    // 1 column) replaces m.nii's (label 1 at i = 0); m.nii's slice 0 stays.
    assertThat(Files.readString(one.resolve("coronal/m_coronal_001.csv")))
        .isEqualTo("CENTER_X,CENTER_Y,RADIUS_X,RADIUS_Y\r\n3.0,6.0,0.0,0.0\r\n");
    assertThat(Files.readString(one.resolve("coronal/m_coronal_000.csv")))
        .isEqualTo("CENTER_X,CENTER_Y,RADIUS_X,RADIUS_Y\r\n4.0,6.0,0.0,0.0\r\n");
  }

  private static String tree(Path root) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted().toList()) {
        text.append(root.relativize(p)).append('\n');
        if (Files.isRegularFile(p)) {
          text.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
      }
    }
    return text.toString();
  }

  @Test
  void formatsFloatsAsPythonStr() {
    assertThat(PythonFloat.format(5)).isEqualTo("5.0");
    assertThat(PythonFloat.format(3.5)).isEqualTo("3.5");
    assertThat(PythonFloat.format(0.1)).isEqualTo("0.1");
    assertThat(PythonFloat.format(123456789.0)).isEqualTo("123456789.0");
    assertThat(PythonFloat.format(1e-5)).isEqualTo("1e-05");
    assertThat(PythonFloat.format(1.5e16)).isEqualTo("1.5e+16");
    assertThat(PythonFloat.format(-0.0)).isEqualTo("-0.0");
  }
}
