package io.cohortflow.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random corruption of a valid image (header bytes flipped, file cut short), plain and
 * gzip: the reader must either read it or throw {@link NiftiFormatException}, never anything else.
 */
class NiftiCorruptionTest {
  private static final int MUTATIONS = 1500;

  @TempDir Path dir;

  @Test
  void corruptedFilesFailOnlyWithNiftiFormatException() throws IOException {
    double[][] affine = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    NiftiHeader header = NiftiHeader.forImage(new int[] {6, 5, 4}, NiftiDatatype.INT16, affine);
    Path valid = dir.resolve("valid.nii");
    NiftiWriter.write(new NiftiImage(header, new short[120]), valid);
    byte[] original = Files.readAllBytes(valid);
    Random random = new Random(42);
    NiftiReader reader = new NiftiReader(1 << 16);
    int rejected = 0;
    for (int n = 0; n < MUTATIONS; n++) {
      byte[] bytes = original.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(352)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      boolean gzip = random.nextBoolean();
      Path file = Files.write(dir.resolve("m" + n + (gzip ? ".nii.gz" : ".nii")),
          gzip ? gzip(bytes) : bytes);
      try {
        NiftiImage image = reader.readImage(file);
        assertThat(image.voxelCount()).isLessThanOrEqualTo(1 << 16);
      } catch (NiftiFormatException e) {
        assertThat(e.getMessage()).startsWith(file.toString());
        rejected++;
      }
      Files.delete(file);
    }
    assertThat(rejected).as("most mutations break the file").isGreaterThan(MUTATIONS / 4);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
