package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.annotations.NidatasetReference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code cohortflow annotations} and {@code cohortflow slices} in-process, end to end. */
class AnnotationsCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(List<String> args) {
    CommandLine cli = CohortflowCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args.toArray(String[]::new));
  }

  private int runCase(String name, Path target, String... extra) throws Exception {
    NidatasetReference.Case c = NidatasetReference.find(name);
    List<String> args = new ArrayList<>(List.of(c.command(), NidatasetReference.input().toString(),
        target.toString()));
    args.addAll(c.options());
    args.addAll(List.of(extra));
    return run(args);
  }

  @Test
  void annotationCaseThroughTheCliMatchesNidataset() throws Exception {
    Path target = dir.resolve("out");
    assertThat(runCase("coronal_view_slice_box", target, "--workers", "2")).isZero();
    NidatasetReference.assertMatches(NidatasetReference.find("coronal_view_slice_box"), target);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void sliceCaseThroughTheCliMatchesNidataset() throws Exception {
    Path target = dir.resolve("out");
    assertThat(runCase("sagittal_view", target)).isZero();
    NidatasetReference.assertMatches(NidatasetReference.find("sagittal_view"), target);
  }

  @Test
  void singleFileFormWritesThatFilesOutputs() throws Exception {
    Path mask = NidatasetReference.input().resolve("case_d_float.nii.gz");
    Path target = dir.resolve("out");
    assertThat(run(List.of("annotations", "--file", mask.toString(), target.toString(),
        "--extraction-mode", "volume", "--data-mode", "radius", "--target-size", "24,20"))).isZero();
    Path expected = NidatasetReference.find("axial_case_volume_radius_t24x20").expected()
        .resolve("case_d_float/axial/case_d_float.csv");
    assertThat(Files.readAllBytes(target.resolve("case_d_float/axial/case_d_float.csv")))
        .isEqualTo(Files.readAllBytes(expected));
  }

  @Test
  void usageMistakesExitWithCode2AndNidatasetsMessage() throws Exception {
    assertThat(run(List.of("annotations", dir.resolve("absent").toString(), dir.toString()))).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("the input folder '" + dir.resolve("absent") + "' does not exist"
        + System.lineSeparator());
    assertThat(run(List.of("slices", dir.toString(), dir.resolve("o").toString()))).isEqualTo(2);
    assertThat(err.toString()).contains("no NIfTI files found in '" + dir + "'");
    assertThat(run(List.of("annotations", NidatasetReference.input().toString(), dir.resolve("o").toString(),
        "--extraction-mode", "cube"))).isEqualTo(2);
    assertThat(err.toString()).contains("invalid extraction_mode 'cube'");
  }

  @Test
  void unreadableFilesAreReportedSkippedAndExitWithCode1() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.copy(NidatasetReference.input().resolve("case_a.nii.gz"), input.resolve("case_a.nii.gz"));
    Files.writeString(input.resolve("broken.nii.gz"), "garbage");
    Path target = dir.resolve("out");

    int code = run(List.of("annotations", input.toString(), target.toString(), "--save-stats"));

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains(
        "Error processing broken.nii.gz: not a NIfTI file: sizeof_hdr is neither 348 nor 540");
    assertThat(Files.readString(target.resolve("axial_annotations_stats.csv")))
        .isEqualTo("FILENAME,NUM_ANNOTATIONS\r\ncase_a.nii.gz,3\r\nTOTAL_ANNOTATIONS,3\r\n");
    assertThat(target.resolve("case_a/axial/case_a_axial_006.csv")).exists();
  }
}
