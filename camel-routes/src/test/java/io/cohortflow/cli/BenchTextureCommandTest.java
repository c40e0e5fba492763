package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
  void printsPerFamilyTimesAndThroughput() {
    Path phantom = SharedData.resolve("data/ibsi/ct_phantom/nifti");

    int code = run("bench", "texture", "--configurations", "D", "--repetitions", "1",
        "--cases", "2", "--image", phantom.resolve("image/phantom.nii.gz").toString(),
        "--mask", phantom.resolve("mask/mask.nii.gz").toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("GLCM", "GLRLM", "GLSZM", "GLDZM", "NGTDM", "NGLDM", "total")
        .containsPattern("(?m)^D +\\d+\\.\\d{3}( +\\d+\\.\\d{3}){7}$")
        .containsPattern("2 cases with 2 workers in \\d+\\.\\d+ s: \\d+ cases/hour");
  }

  @Test
  void aMissingImageIsAFatalErrorNamingTheFile() {
    int code = run("bench", "texture", "--image", "/nonexistent/ct.nii.gz");

    assertThat(code).isEqualTo(ExitCodes.FATAL);
    assertThat(err.toString()).contains("/nonexistent/ct.nii.gz");
  }

  @Test
  void aZeroRepetitionCountIsAUsageError() {
    assertThat(run("bench", "texture", "--repetitions", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("at least 1");
  }
}
