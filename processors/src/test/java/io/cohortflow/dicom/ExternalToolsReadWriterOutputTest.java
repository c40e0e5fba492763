package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.DebianTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dcmtk's {@code dcmdump} and pydicom (strict validation, warnings as errors) read what
 * {@link DicomWriter} writes, explicit and implicit VR, without a warning and with the same values.
 */
class ExternalToolsReadWriterOutputTest {
  @TempDir
  static Path dir;
  static List<Path> files = new ArrayList<>();

  @BeforeAll
  static void writeFiles() throws IOException {
    Path explicit = dir.resolve("explicit.dcm");
    Path implicit = dir.resolve("implicit.dcm");
    DicomWriter.explicitVrLittleEndian().write(explicit, DicomRoundTripTest.everyVr());
    DicomWriter.implicitVrLittleEndian().write(implicit, DicomRoundTripTest.everyVr());
    files.add(explicit);
    files.add(implicit);
    files.addAll(new SyntheticSeries(SyntheticSeries.Kind.CT, 1).write(dir, 1));
    files.addAll(new SyntheticSeries(SyntheticSeries.Kind.MR, 1).write(dir, 1));
  }

  @Test
  void dcmdumpReadsWithoutWarnings() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmdump")), "dcmdump (Debian package dcmtk) not installed");
    for (Path file : files) {
      String[] result = run("/usr/bin/dcmdump", file.toString());
      assertThat(result[0]).as("exit code of dcmdump %s: %s", file, result[1]).isEqualTo("0");
      assertThat(result[1]).as("dcmdump %s", file).doesNotContainPattern("(?m)^[WEF]: ");
      if (file.getFileName().toString().equals("explicit.dcm")) {
        assertThat(result[1]).contains("(0008,0090) PN [M")
            .contains("(0018,6016) UL 4000000000").contains("(0054,0016) SQ (Sequence with explicit length #=2)")
            .contains("(0002,0010) UI =LittleEndianExplicit");
      }
    }
  }

  @Test
  void pydicomReadsWithoutWarnings() throws Exception {
    Assumptions.assumeTrue(DebianTestData.pythonHas("pydicom"), "Debian's python3-pydicom not installed");
    String script = String.join("\n",
        "import sys, warnings, pydicom",
        "from pydicom import config",
        "warnings.simplefilter('error')",
        "config.settings.reading_validation_mode = config.RAISE",
        "for path in sys.argv[1:]:",
        "    ds = pydicom.dcmread(path)",
        "    for elem in ds.iterall():",
        "        elem.value",
        "    print(path, ds.file_meta.TransferSyntaxUID, ds.get('ReferringPhysicianName', ''),",
        "          ds.get('SliceThickness', ''), len(ds.get('RadiopharmaceuticalInformationSequence', [])))");
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
    files.forEach(f -> command.add(f.toString()));
    String[] result = run(command.toArray(new String[0]));
    assertThat(result[0]).as("pydicom failed: %s", result[1]).isEqualTo("0");
    assertThat(result[1]).contains(dir.resolve("explicit.dcm") + " 1.2.840.10008.1.2.1 Müller^Jörg 1.25 2")
        .contains(dir.resolve("implicit.dcm") + " 1.2.840.10008.1.2 Müller^Jörg 1.25 2")
        .doesNotContain("Warning");
  }

  /** Runs a command; returns {exit code, stdout + stderr}. */
  private static String[] run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new String[] {Integer.toString(p.exitValue()), output};
  }
}
