package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cohortflow.testsupport.DebianTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every real DICOM file shipped by the Debian packages python3-pydicom, python3-nibabel and
 * heudiconv with cohortflow's reader and with pydicom 2.3.1 ({@code tools/pydicom-dump.py}, one
 * Python process for all files), and compares them element by element: tags, VRs and values (text
 * without padding, numbers as numbers, bytes by MD5), sequences recursively. The few allowed
 * differences are listed below with their reasons.
 */
class PydicomComparisonTest {

  /** Files where cohortflow deliberately differs from pydicom as a whole, and why. */
  static final Map<String, String> ALLOWED_FILE_DIFFERENCES = Map.of(
      "no_meta.dcm",
      "starts with a stray byte before (0008,0005): pydicom (force=True) reads the whole file as one meaningless"
          + " UN element (0820,0500); cohortflow reports 'not a DICOM file' instead",
      "rtplan_truncated.dcm",
      "deliberately truncated inside sequence (300A,00B0): pydicom silently returns the partial sequence;"
          + " cohortflow reports the truncation with its offset");

  @TestFactory
  Stream<DynamicTest> everyRealFileReadsLikePydicom() throws Exception {
    List<Path> files = corpus();
    Assumptions.assumeTrue(DebianTestData.pythonHas("pydicom"),
        "Debian's /usr/bin/python3 with python3-pydicom is needed to compare against pydicom");
    JsonNode dump = pydicomDump(files).get("files");
    assertThat(files).hasSizeGreaterThan(150);
    return files.stream().map(file -> DynamicTest.dynamicTest(relative(file),
        () -> compareFile(file, dump.get(file.toString()))));
  }

  /** Every DICOM file of the three packages (pydicom's data folder holds some without extension). */
  static List<Path> corpus() throws IOException {
    List<Path> files = new ArrayList<>();
    Path pydicomData = DebianTestData.packageRoot("python3-pydicom").resolve("usr/lib/python3/dist-packages/pydicom/data");
    try (Stream<Path> walk = Files.walk(pydicomData)) {
      walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString()
          .matches(".*\\.(py|pyc|json|txt|md|dump|gz)$|README")).forEach(files::add);
    }
    for (String pkg : List.of("python3-nibabel", "heudiconv")) {
      try (Stream<Path> walk = Files.walk(DebianTestData.packageRoot(pkg))) {
        walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".dcm")).forEach(files::add);
      }
    }
    files.sort(null);
    return files;
  }

  private static String relative(Path file) {
    String s = file.toString();
    int at = s.indexOf("dist-packages/");
    return at < 0 ? s : s.substring(at + "dist-packages/".length());
  }

  static JsonNode pydicomDump(List<Path> files) throws IOException, InterruptedException {
    Path list = Files.createTempFile("pydicom-files", ".txt");
    Path out = Files.createTempFile("pydicom-dump", ".json");
    try {
      Files.write(list, files.stream().map(Path::toString).toList());
      Process p = new ProcessBuilder("/usr/bin/python3", repositoryRoot().resolve("tools/pydicom-dump.py").toString(),
          "--list", list.toString()).redirectOutput(out.toFile()).redirectErrorStream(false).start();
      String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as("pydicom-dump.py failed: %s", err).isZero();
      return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(out.toFile());
    } finally {
      Files.deleteIfExists(list);
      Files.deleteIfExists(out);
    }
  }

  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("DEVELOPERS.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException("repository root not found");
  }

  private static void compareFile(Path file, JsonNode expected) throws IOException {
    if (ALLOWED_FILE_DIFFERENCES.containsKey(file.getFileName().toString())) {
      assertThatThrownBy(() -> DicomReader.headerReader().read(file)).isInstanceOf(DicomParseException.class);
      return;
    }
    if (expected.has("error")) {
      assertThatThrownBy(() -> DicomReader.headerReader().read(file)).isInstanceOf(DicomParseException.class);
      return;
    }
    DicomFile read = DicomReader.headerReader().read(file);
    List<String> differences = new ArrayList<>();
    compareDataset("meta", read.fileMeta(), expected.get("meta"), differences);
    compareDataset("", read.dataset(), expected.get("dataset"), differences);
    assertThat(differences).as("differences from pydicom in %s", file).isEmpty();
  }

  private static void compareDataset(String path, DicomObject actual, JsonNode expected, List<String> out) {
    List<String> expectedTags = new ArrayList<>();
    expected.forEach(e -> expectedTags.add(e.get("tag").asText()));
    List<String> actualTags = new ArrayList<>();
    for (int i = 0; i < actual.size(); i++) {
      actualTags.add(String.format(Locale.ROOT, "%08X", actual.tagAt(i)));
    }
    if (!expectedTags.equals(actualTags)) {
      List<String> missing = new ArrayList<>(expectedTags);
      missing.removeAll(actualTags);
      List<String> extra = new ArrayList<>(actualTags);
      extra.removeAll(expectedTags);
      out.add(path + ": tags differ, missing " + missing + ", extra " + extra);
      return;
    }
    for (int i = 0; i < actual.size(); i++) {
      compareElement(path + "/" + actualTags.get(i), actual, i, expected.get(i), out);
    }
  }

  private static void compareElement(String path, DicomObject actual, int i, JsonNode expected, List<String> out) {
    String expectedVr = expected.get("vr").asText();
    VR vr = actual.vrAt(i);
    boolean vrComparable = !expectedVr.contains(" or ") && !(Tag.isPrivate(actual.tagAt(i)) && vr == VR.UN);
    if (vrComparable && !expectedVr.equals(vr.name())) {
      out.add(path + ": VR " + vr + " but pydicom " + expectedVr);
      return;
    }
    if (vr == VR.SQ) {
      JsonNode items = expected.get("items");
      List<DicomObject> actualItems = actual.itemsAt(i);
      if (items == null || items.size() != actualItems.size()) {
        out.add(path + ": " + actualItems.size() + " items but pydicom " + (items == null ? "none" : items.size()));
        return;
      }
      for (int k = 0; k < actualItems.size(); k++) {
        compareDataset(path + "[" + k + "]", actualItems.get(k), items.get(k), out);
      }
      return;
    }
    String[] text = actual.stringsAt(i);
    if (expected.has("error") || expected.has("invalid")) {
      return;
    }
    if (!vrComparable || !expected.has("value")) {
      if (expected.has("raw") && !md5(actual.bytesAt(i)).equals(expected.get("raw").asText())) {
        out.add(path + ": value bytes differ (" + actual.bytesAt(i).length + " vs " + expected.get("len") + ")");
      }
      return;
    }
    JsonNode values = expected.get("value");
    if (vr == VR.DS || vr == VR.IS || (vr.kind() == VR.Kind.BINARY && vr != VR.AT)) {
      compareNumbers(path, numbers(actual, i), values, out);
    } else if (vr == VR.AT) {
      int[] tags = actual.getTags(actual.tagAt(i));
      List<Long> actualTags = new ArrayList<>();
      for (int t : tags) {
        actualTags.add(t & 0xFFFFFFFFL);
      }
      List<Long> expectedTags = new ArrayList<>();
      values.forEach(v -> expectedTags.add(v.asLong()));
      if (!actualTags.equals(expectedTags)) {
        out.add(path + ": AT " + actualTags + " but pydicom " + expectedTags);
      }
    } else {
      List<String> expectedText = new ArrayList<>();
      values.forEach(v -> expectedText.add(v.asText().strip()));
      List<String> actualText = new ArrayList<>();
      for (String s : text) {
        actualText.add(s.strip());
      }
      if (!actualText.equals(expectedText)) {
        out.add(path + ": " + vr + " " + actualText + " but pydicom " + expectedText);
      }
    }
  }

  private static double[] numbers(DicomObject actual, int i) {
    return actual.getDoubles(actual.tagAt(i));
  }

  private static void compareNumbers(String path, double[] actual, JsonNode expected, List<String> out) {
    boolean same = actual.length == expected.size();
    for (int k = 0; same && k < actual.length; k++) {
      JsonNode e = expected.get(k);
      double x = e.isNumber() ? e.asDouble() : Double.parseDouble(e.asText().replace("inf", "Infinity").replace("nan", "NaN"));
      same = Double.compare(x, actual[k]) == 0 || Math.abs(x - actual[k]) <= 1e-12 * Math.abs(x);
    }
    if (!same) {
      out.add(path + ": numbers " + java.util.Arrays.toString(actual) + " but pydicom " + expected);
    }
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
