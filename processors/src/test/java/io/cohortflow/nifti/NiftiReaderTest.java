package io.cohortflow.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiReaderTest {
  @TempDir Path dir;

  /** A NIfTI-1 header written field by field, independently of the codec under test. */
  private static ByteBuffer nifti1Header(ByteOrder order, int datatype, int bitpix, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(352).order(order);
    b.putInt(0, 348);
    b.putShort(40, (short) shape.length);
    for (int i = 0; i < shape.length; i++) {
      b.putShort(42 + 2 * i, (short) shape[i]);
    }
    b.putShort(70, (short) datatype);
    b.putShort(72, (short) bitpix);
    for (int i = 0; i < 8; i++) {
      b.putFloat(76 + 4 * i, 1f);
    }
    b.putFloat(108, 352f);
    b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    return b;
  }

  private Path file(String name, byte[]... parts) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.write(part);
    }
    byte[] bytes = all.toByteArray();
    if (name.endsWith(".gz")) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write(bytes);
      }
      bytes = zipped.toByteArray();
    }
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void readsBigEndianInt16WithScalingAndQform() throws IOException {
    ByteBuffer h = nifti1Header(ByteOrder.BIG_ENDIAN, 4, 16, 2, 3, 2);
    h.putFloat(76, -1f).putFloat(80, 2f).putFloat(84, 3f).putFloat(88, 4f);
    h.putFloat(112, 2f).putFloat(116, -1f);
    h.putShort(252, (short) 1);
    h.putFloat(264, 1f); // quatern_d = 1: a 180 degree turn about z
    h.putFloat(268, 10f).putFloat(272, 20f).putFloat(276, 30f);
    h.put(123, (byte) 10);
    ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < 12; i++) {
      data.putShort((short) (i * 1000 - 3000));
    }
    NiftiImage image = NiftiReader.read(file("be.nii.gz", h.array(), data.array()));

    assertThat(image.shape()).containsExactly(2, 3, 2);
    assertThat(image.datatype()).isEqualTo(NiftiDatatype.INT16);
    assertThat(image.header().byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(image.shortData()[image.index(1, 2, 1)]).isEqualTo((short) 8000);
    assertThat(image.raw(0)).isEqualTo(-3000.0);
    assertThat(image.scaled(0)).isEqualTo(-6001.0);
    assertThat(image.scaled(11)).isEqualTo(15999.0);
    assertThat(image.scaledCopy()).hasSize(12).startsWith(-6001.0, -4001.0).endsWith(15999.0);
    assertThat(image.spacing()).containsExactly(2, 3, 4);
    assertThat(image.header().spacing()).containsExactly(2, 3, 4);
    assertThat(image.header().spatialUnit()).isEqualTo(2);
    assertThat(image.header().temporalUnit()).isEqualTo(8);
    // R = diag(-1, -1, 1) from the quaternion, zooms (2, 3, 4 * qfac = -4).
    assertThat(image.header().affine()).isDeepEqualTo(new double[][] {
        {-2, 0, 0, 10}, {0, -3, 0, 20}, {0, 0, -4, 30}, {0, 0, 0, 1}});
  }

  @Test
  void slopeZeroMeansNoScaling() throws IOException {
    ByteBuffer h = nifti1Header(ByteOrder.LITTLE_ENDIAN, 2, 8, 2, 2, 1);
    h.putFloat(116, 5f);
    NiftiImage image = NiftiReader.read(file("u8.nii", h.array(), new byte[] {0, 1, (byte) 200, (byte) 255}));
    assertThat(image.hasScaling()).isFalse();
    assertThat(image.scaled(2)).isEqualTo(200.0);
    assertThat(image.scaled(3)).isEqualTo(255.0);
  }

  @Test
  void readsNifti2WithExtensionsSkipped() throws IOException {
    ByteBuffer h = ByteBuffer.allocate(540).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 540);
    h.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
    h.putShort(12, (short) 64).putShort(14, (short) 64);
    long[] dim = {3, 3, 1, 2, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      h.putLong(16 + 8 * i, dim[i]);
      h.putDouble(104 + 8 * i, 1.5);
    }
    h.putLong(168, 576);
    h.putInt(348, 1); // sform_code
    double[][] srow = {{0, 0, 1.5, -7}, {1.5, 0, 0, 8}, {0, 1.5, 0, 9}};
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 4; col++) {
        h.putDouble(400 + 32 * row + 8 * col, srow[row][col]);
      }
    }
    byte[] extension = new byte[36];
    extension[0] = 1;
    ByteBuffer data = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) {
      data.putDouble(i + 0.25);
    }
    NiftiImage image = NiftiReader.read(file("v2.nii", h.array(), extension, data.array()));

    assertThat(image.header().version()).isEqualTo(2);
    assertThat(image.shape()).containsExactly(3, 1, 2);
    assertThat(image.doubleData()).containsExactly(0.25, 1.25, 2.25, 3.25, 4.25, 5.25);
    assertThat(image.header().affine()[1]).containsExactly(1.5, 0, 0, 8);
    assertThat(image.header().affine()[3]).containsExactly(0, 0, 0, 1);
  }

  @Test
  void readsUnsignedTypesUnsignedAndRgbAsThreeChannels() throws IOException {
    ByteBuffer h = nifti1Header(ByteOrder.LITTLE_ENDIAN, 1280, 64, 2);
    ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).putLong(7);
    NiftiImage u64 = NiftiReader.read(file("u64.nii", h.array(), data.array()));
    assertThat(u64.raw(0)).isEqualTo(18446744073709551615.0);
    assertThat(u64.raw(1)).isEqualTo(7.0);

    ByteBuffer rgbHeader = nifti1Header(ByteOrder.LITTLE_ENDIAN, 128, 24, 2, 1, 1);
    NiftiImage rgb = NiftiReader.read(file("rgb.nii.gz", rgbHeader.array(),
        new byte[] {1, 2, 3, (byte) 250, 5, 6}));
    assertThat(rgb.channels()).isEqualTo(3);
    assertThat(rgb.voxelCount()).isEqualTo(2);
    assertThat(rgb.raw(3)).isEqualTo(250.0);
  }

  @Test
  void writerRoundTripsEveryDatatypeThroughGzipAndPlainFiles() throws IOException {
    double[][] affine = {{0, -2, 0, 5}, {1, 0, 0, -3}, {0, 0, 3, 1.5}, {0, 0, 0, 1}};
    for (NiftiDatatype type : NiftiDatatype.values()) {
      int[] shape = {3, 4, 5};
      NiftiHeader header = NiftiHeader.forImage(shape, type, affine).withScaling(0.5, 2);
      NiftiImage image = new NiftiImage(header, NiftiImageFixtures.ramp(type, 60 * type.channels()));
      for (String name : new String[] {type + ".nii", type + ".nii.gz"}) {
        NiftiWriter.write(image, dir.resolve(name));
        NiftiImage back = NiftiReader.read(dir.resolve(name));
        assertThat(back.header()).usingRecursiveComparison().isEqualTo(header);
        for (int i = 0; i < 60 * type.channels(); i++) {
          assertThat(back.scaled(i)).as("%s element %d", name, i).isEqualTo(image.raw(i) * 0.5 + 2);
        }
        assertThat(back.header().affine()).isDeepEqualTo(affine);
        assertThat(back.header().spacing()).containsExactly(new double[] {1, 2, 3}, within(1e-12));
      }
    }
    assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
  }

  @Test
  void rejectsWrongMagicAndUnknownDatatype() throws IOException {
    ByteBuffer h = nifti1Header(ByteOrder.LITTLE_ENDIAN, 2, 8, 1);
    h.put(344, (byte) 'x');
    Path wrongMagic = file("magic.nii", h.array(), new byte[1]);
    assertThatThrownBy(() -> NiftiReader.read(wrongMagic))
        .isInstanceOf(NiftiFormatException.class)
        .hasMessageContaining("magic.nii").hasMessageContaining("wrong magic");

    Path unknown = file("type.nii", nifti1Header(ByteOrder.LITTLE_ENDIAN, 1536, 128, 1).array(),
        new byte[16]);
    assertThatThrownBy(() -> NiftiReader.read(unknown))
        .isInstanceOf(NiftiFormatException.class)
        .hasMessageContaining("unsupported datatype code 1536");

    ByteBuffer badScaling = nifti1Header(ByteOrder.LITTLE_ENDIAN, 2, 8, 1);
    badScaling.putFloat(112, 2f).putFloat(116, Float.POSITIVE_INFINITY);
    Path infiniteIntercept = file("inter.nii", badScaling.array(), new byte[1]);
    assertThatThrownBy(() -> NiftiReader.read(infiniteIntercept))
        .isInstanceOf(NiftiFormatException.class)
        .hasMessageContaining("valid scl_slope but invalid scl_inter Infinity");

    Path notNifti = file("text.nii", "hello, this is not an image".getBytes());
    assertThatThrownBy(() -> NiftiReader.read(notNifti))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("not a NIfTI file");
  }

  @Test
  void rejectsTruncatedGzipAndTruncatedData() throws IOException {
    Path whole = file("whole.nii.gz", nifti1Header(ByteOrder.LITTLE_ENDIAN, 16, 32, 64, 64, 64).array(),
        new byte[64 * 64 * 64 * 4]);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.nii.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> NiftiReader.read(cut))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("cut.nii.gz")
        .hasMessageContaining("truncated");

    Path shortData = file("short.nii", nifti1Header(ByteOrder.LITTLE_ENDIAN, 2, 8, 10, 10).array(),
        new byte[99]);
    assertThatThrownBy(() -> NiftiReader.read(shortData))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("truncated");

    ByteBuffer far = nifti1Header(ByteOrder.LITTLE_ENDIAN, 2, 8, 4);
    far.putFloat(108, 1_000_000f);
    Path farOffset = file("far.nii", far.array(), new byte[4]);
    assertThatThrownBy(() -> NiftiReader.read(farOffset))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("vox_offset 1000000 is past the end");
    Path farGzip = file("far.nii.gz", far.array(), new byte[4]);
    assertThatThrownBy(() -> NiftiReader.read(farGzip))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("past the end");
  }

  @Test
  void rejectsOverflowingAndOversizedDimensionsWithoutAllocating() throws IOException {
    ByteBuffer h = ByteBuffer.allocate(544).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 540);
    h.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
    h.putShort(12, (short) 2);
    long[] dim = {3, 1L << 40, 1L << 40, 1L << 40, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      h.putLong(16 + 8 * i, dim[i]);
    }
    Path overflow = file("overflow.nii", h.array());
    assertThatThrownBy(() -> NiftiReader.read(overflow))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("overflow");

    Path big = file("big.nii.gz", nifti1Header(ByteOrder.LITTLE_ENDIAN, 2, 8, 30000, 30000, 30000).array());
    assertThatThrownBy(() -> NiftiReader.read(big))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("exceed the cap");

    Path small = file("small.nii", nifti1Header(ByteOrder.LITTLE_ENDIAN, 2, 8, 4, 4).array(), new byte[16]);
    assertThatThrownBy(() -> new NiftiReader(15).readImage(small))
        .isInstanceOf(NiftiFormatException.class)
        .hasMessageContaining("16 voxels exceed the cap of 15 voxels");
    assertThat(new NiftiReader(16).readImage(small).voxelCount()).isEqualTo(16);
  }

  @Test
  void missingAndEmptyFilesAreFormatErrors() throws IOException {
    assertThatThrownBy(() -> NiftiReader.read(dir.resolve("absent.nii")))
        .isInstanceOf(NiftiFormatException.class).hasMessageContaining("does not exist");
    Path empty = Files.createFile(dir.resolve("empty.nii.gz"));
    assertThatThrownBy(() -> NiftiReader.read(empty)).isInstanceOf(NiftiFormatException.class);
  }
}
