package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cohortflow bench texture} end to end: figures on the CT phantom, and bad input. */
class BenchTextureCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = CohortflowCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void printsPerFamilyTimesAndThroughput(@TempDir Path dir) throws IOException {
    Path phantom = SharedData.resolve("data/ibsi/ct_phantom/nifti");
    // configuration D with the texture families only, to keep the test short
    String d = Files.readString(Path.of("..", "config", "ibsi", "config-D.json"));
    Path settings = Files.writeString(dir.resolve("texture-D.json"), d
        .replaceAll("\"(Morph|LocalIntensity|Stats|IntensityHistogram|IntensityVolumeHistogram)"
            + "\": true", "\"$1\": false"));

    int code = run("bench", "texture", "--settings", settings.toString(),
        "--repetitions", "1", "--cases", "2",
        "--image", phantom.resolve("image/phantom.nii.gz").toString(),
        "--mask", phantom.resolve("mask/mask.nii.gz").toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("case", "processing", "texture", "GLCM", "GLRLM", "GLSZM", "GLDZM", "NGTDM",
            "NGLDM")
        .containsPattern("(?m)^texture-D +\\d+\\.\\d{3}( +(\\d+\\.\\d{3}|-)){10}$")
        .containsPattern("2 cases with 2 workers in \\d+\\.\\d+ s: \\d+ cases/hour");
  }

  @Test
  void aMissingImageIsAFatalErrorNamingTheFile() {
    int code = run("bench", "texture", "--settings", "../config/ibsi/config-D.json",
        "--image", "/nonexistent/ct.nii.gz");

    assertThat(code).isEqualTo(ExitCodes.FATAL);
    assertThat(err.toString()).contains("/nonexistent/ct.nii.gz");
  }

  @Test
  void aMissingSettingsFileIsAFatalErrorNamingTheFile() {
    int code = run("bench", "texture", "--settings", "/nonexistent/settings.json");

    assertThat(code).isEqualTo(ExitCodes.FATAL);
    assertThat(err.toString()).contains("/nonexistent/settings.json");
  }

  @Test
  void aZeroRepetitionCountIsAUsageError() {
    assertThat(run("bench", "texture", "--repetitions", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("at least 1");
  }
}
