package io.cohortflow.annotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.nifti.NiftiDatatype;
import io.cohortflow.nifti.NiftiHeader;
import io.cohortflow.nifti.NiftiImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceExtractorTest {
  private static final double[][] IDENTITY = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};

  @TempDir Path dir;

  /** Voxel value 100 i + 10 j + k, scaled by 0.5: every pixel says where it came from. */
  private static NiftiImage volume() {
    short[] voxels = new short[3 * 2 * 4];
    for (int k = 0; k < 4; k++) {
      for (int j = 0; j < 2; j++) {
        for (int i = 0; i < 3; i++) {
          voxels[i + 3 * (j + 2 * k)] = (short) (100 * i + 10 * j + k);
        }
      }
    }
    return new NiftiImage(NiftiHeader.forImage(new int[] {3, 2, 4}, NiftiDatatype.INT16, IDENTITY)
        .withScaling(0.5, 0), voxels);
  }

  @Test
  void coronalSlicesArePaddedWithThePadValueAroundTheScaledVoxels() throws Exception {
    SliceOptions options = new SliceOptions(View.CORONAL, SavingMode.CASE, new TargetSize(6, 7), 7.5f, false);

    int slices = new SliceExtractor(options).write(volume(), dir, "vol_bbox");

    assertThat(slices).isEqualTo(2);
    byte[] tiff = Files.readAllBytes(dir.resolve("vol_bbox_coronal_001.tif"));
    assertThat(tiff).hasSize(134 + 4 * 6 * 7);
    ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(8 + 2 + 8)).as("ImageWidth").isEqualTo(7);
    assertThat(b.getInt(8 + 2 + 12 + 8)).as("ImageLength").isEqualTo(6);
    // coronal slice j = 1: rows are i (3, top padding 1), columns are k (4, left padding 1).
    for (int row = 0; row < 6; row++) {
      for (int col = 0; col < 7; col++) {
        int i = row - 1;
        int k = col - 1;
        float expected = i >= 0 && i < 3 && k >= 0 && k < 4 ? (100 * i + 10 + k) * 0.5f : 7.5f;
        assertThat(b.getFloat(134 + 4 * (row * 7 + col))).as("row %d col %d", row, col).isEqualTo(expected);
      }
    }
  }

  @Test
  void refusesTargetsSmallerThanTheSlice() {
    SliceOptions options = new SliceOptions(View.SAGITTAL, SavingMode.CASE, new TargetSize(2, 3), 0f, false);
    assertThatThrownBy(() -> new SliceExtractor(options).write(volume(), dir, "vol"))
        .isInstanceOf(AnnotationInputException.class)
        .hasMessageStartingWith("target_size (2, 3) is smaller than slice dimensions (2, 4).");
    assertThat(dir.resolve("vol_sagittal_000.tif")).doesNotExist();
  }
}
