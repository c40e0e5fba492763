package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortflow.dicom.SyntheticSeries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cohortflow dicom dump} on written files, bad files and missing files. */
class DicomCommandTest {
  @TempDir
  static Path dir;
  static Path mr;
  static Path bad;

  @BeforeAll
  static void files() throws Exception {
    mr = new SyntheticSeries(SyntheticSeries.Kind.MR, 7).write(dir, 1).get(0);
    bad = dir.resolve("notes.dcm");
    Files.writeString(bad, "This is a text file with a .dcm name.\n");
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CohortflowCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void dumpPrintsTagVrValueAndKeywordOfTheHeader() {
    Result r = run("dicom", "dump", mr.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).containsPattern("\\(0008,0060\\) CS \\[MR\\] +# Modality")
        .containsPattern("\\(0018,0081\\) DS \\[2\\.98\\] +# EchoTime")
        .containsPattern("\\(0028,0010\\) US 256 +# Rows")
        .containsPattern("\\(0002,0010\\) UI \\[1\\.2\\.840\\.10008\\.1\\.2\\.1\\] +# TransferSyntaxUID")
        .doesNotContain("(7FE0,0010)");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void dumpAllIncludesThePixelData() {
    Result r = run("dicom", "dump", "--all", mr.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).containsPattern("\\(7FE0,0010\\) OW \\(131072 bytes\\) 00\\\\00\\\\");
  }

  @Test
  void dumpJson() throws Exception {
    Result r = run("dicom", "dump", "--json", mr.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("transferSyntax").asText()).isEqualTo("1.2.840.10008.1.2.1");
    JsonNode modality = null;
    for (JsonNode element : json.get("dataset")) {
      if (element.get("keyword").asText().equals("Modality")) {
        modality = element;
      }
    }
    assertThat(modality).isNotNull();
    assertThat(modality.get("tag").asText()).isEqualTo("(0008,0060)");
    assertThat(modality.get("value").get(0).asText()).isEqualTo("MR");
  }

  @Test
  void aBadFileIsReportedByNameAndTheOthersAreStillDumped() {
    Result r = run("dicom", "dump", bad.toString(), mr.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(r.err()).contains(bad.toString()).contains("not a DICOM file").contains("byte offset 0");
    assertThat(r.out()).contains("(0008,0060) CS [MR]");
  }

  @Test
  void aMissingFileIsReported() {
    Result r = run("dicom", "dump", dir.resolve("absent.dcm").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(r.err()).contains("absent.dcm: no such file");
  }

  @Test
  void missingSubcommandOrFileIsAUsageError() {
    assertThat(run("dicom").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("dicom", "dump").code()).isEqualTo(ExitCodes.USAGE);
  }
}
