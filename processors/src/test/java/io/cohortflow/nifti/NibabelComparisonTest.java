package io.cohortflow.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortflow.testsupport.DebianTestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the codec with nibabel 5.0.0 (Debian's python3-nibabel) through
 * {@code tools/nibabel-dump.py}: header fields, affine and a SHA-256 of the scaled voxel data, for
 * nibabel's own sample files and for files cohortflow writes.
 */
class NibabelComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void readsNibabelSampleFilesAsNibabelDoes() throws Exception {
    Path data = DebianTestData.packageRoot("python3-nibabel")
        .resolve("usr/lib/python3/dist-packages/nibabel/tests/data");
    List<Path> samples;
    try (Stream<Path> files = Files.list(data)) {
      samples = files.filter(p -> p.toString().endsWith(".nii") || p.toString().endsWith(".nii.gz"))
          .sorted().toList();
    }
    assertThat(samples).hasSizeGreaterThanOrEqualTo(8);
    compareWithNibabel(samples);
  }

  @Test
  void nibabelReadsWrittenFilesBackIdentically() throws Exception {
    double cos = Math.cos(0.3);
    double sin = Math.sin(0.3);
    double[][] affine = {{0.9 * cos, -0.9 * sin, 0, -45.5}, {0.9 * sin, 0.9 * cos, 0, 12.25},
        {0, 0, 2.5, 7}, {0, 0, 0, 1}};
    List<Path> written = new ArrayList<>();
    for (NiftiDatatype type : NiftiDatatype.values()) {
      int[] shape = {5, 4, 3};
      int elements = 60 * type.channels();
      NiftiHeader plain = NiftiHeader.forImage(shape, type, affine);
      NiftiHeader header = type.channels() == 1 ? plain.withScaling(1.5, -4) : plain;
      Object voxels = NiftiImageFixtures.ramp(type, elements);
      for (String suffix : new String[] {".nii", ".nii.gz"}) {
        Path path = dir.resolve(type.name().toLowerCase() + suffix);
        NiftiWriter.write(new NiftiImage(header, voxels), path);
        written.add(path);
      }
    }
    compareWithNibabel(written);
  }

  private static void compareWithNibabel(List<Path> files) throws Exception {
    Assumptions.assumeTrue(DebianTestData.pythonHas("nibabel"), "Debian's python3-nibabel is not installed");
    List<JsonNode> dumps = runDump(files);
    assertThat(dumps).hasSize(files.size());
    for (int i = 0; i < files.size(); i++) {
      compare(files.get(i), dumps.get(i));
    }
  }

  private static void compare(Path file, JsonNode expected) throws Exception {
    assertThat(expected.path("error").asText()).as("nibabel error on %s", file).isEmpty();
    NiftiImage image = NiftiReader.read(file);
    NiftiHeader h = image.header();
    String name = file.getFileName().toString();
    assertThat(h.version()).as(name).isEqualTo(expected.get("version").asInt());
    assertThat(h.byteOrder() == ByteOrder.BIG_ENDIAN ? "big" : "little").as(name)
        .isEqualTo(expected.get("byteorder").asText());
    assertThat(image.shape()).as(name).containsExactly(ints(expected.get("shape")));
    assertThat(h.datatype().code()).as(name).isEqualTo(expected.get("datatype").asInt());
    assertThat(h.pixdim()).as(name).containsExactly(doubles(expected.get("pixdim")));
    assertThat(h.voxOffset()).as(name).isEqualTo(expected.get("vox_offset").asLong());
    assertThat(h.sclSlope()).as(name).isEqualTo(expected.get("scl_slope").asDouble());
    assertThat(h.sclInter()).as(name).isEqualTo(expected.get("scl_inter").asDouble());
    assertThat(h.xyztUnits()).as(name).isEqualTo(expected.get("xyzt_units").asInt());
    assertThat(h.intentCode()).as(name).isEqualTo(expected.get("intent_code").asInt());
    assertThat(h.intentName()).as(name).isEqualTo(expected.get("intent_name").asText());
    assertThat(h.description()).as(name).isEqualTo(expected.get("descrip").asText());
    assertThat(h.qformCode()).as(name).isEqualTo(expected.get("qform_code").asInt());
    assertThat(h.sformCode()).as(name).isEqualTo(expected.get("sform_code").asInt());
    double[][] affine = h.affine();
    for (int row = 0; row < 4; row++) {
      double[] want = doubles(expected.get("affine").get(row));
      for (int col = 0; col < 4; col++) {
        assertThat(affine[row][col]).as("%s affine[%d][%d]", name, row, col)
            .isCloseTo(want[col], within(1e-9 * Math.max(1, Math.abs(want[col]))));
      }
    }
    assertThat(dataSha256(image)).as(name + " scaled data").isEqualTo(expected.get("data_sha256").asText());
  }

  /** SHA-256 of the scaled voxels as little-endian float64, x fastest (RGB: raw, channel fastest). */
  static String dataSha256(NiftiImage image) throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer value = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    long elements = image.voxelCount() * image.channels();
    for (int i = 0; i < elements; i++) {
      double v = image.channels() == 1 ? image.scaled(i) : image.raw(i);
      value.clear();
      value.putLong(Double.doubleToLongBits(v));
      sha.update(value.array());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static List<JsonNode> runDump(List<Path> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", toolsDir().resolve("nibabel-dump.py").toString()));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("nibabel-dump.py exit code").isZero();
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  private static Path toolsDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("tools/nibabel-dump.py"))) {
        return d.resolve("tools");
      }
    }
    throw new IllegalStateException("tools/nibabel-dump.py not found above " + Path.of("").toAbsolutePath());
  }

  private static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }
}
