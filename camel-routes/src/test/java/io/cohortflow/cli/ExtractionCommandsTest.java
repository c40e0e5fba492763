package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample}, {@code extract}, {@code export} and {@code demo} from the command line. */
class ExtractionCommandsTest {

  @Test
  void sampleExtractExportAndBadInput(@TempDir Path dir) throws Exception {
    Path cohort = dir.resolve("cohort");
    String db = dir.resolve("db").toString();
    CliRunner.Result sample = CliRunner.run("sample", "--out", cohort.toString(),
        "--subjects", "1", "--seed", "3");
    assertThat(sample.exitCode()).isZero();
    assertThat(sample.out()).startsWith("Wrote 82 DICOM files for 1 subjects");

    CliRunner.Result extract = CliRunner.run("extract", "--source", cohort.toString(),
        "--cohort", "cli", "--workers", "2", "--db-dir", db);
    assertThat(extract.exitCode()).as(extract.all()).isZero();
    assertThat(extract.out()).contains("Files: 82 found, 82 imported, 0 skipped").contains(
        "Subjects: 1 (0 already complete, skipped)");

    Path export = dir.resolve("export");
    CliRunner.Result exported = CliRunner.run("export", "--cohort", "cli", "--out",
        export.toString(), "--db-dir", db);
    assertThat(exported.exitCode()).isZero();
    List<String> stacks = Files.readAllLines(export.resolve("stacks.csv"));
    List<String> truth = Files.readAllLines(cohort.resolve("ground-truth.csv"));
    assertThat(stacks).hasSize(truth.size());
    assertThat(stacks.get(0)).startsWith("series_instance_uid,stack_index,stack_key,");
    assertThat(Files.readAllLines(export.resolve("instances.csv"))).hasSize(83);

    Files.writeString(cohort.resolve("SUBJ-001/broken.dcm"), "not dicom");
    CliRunner.Result partial = CliRunner.run("extract", "--source", cohort.toString(),
        "--cohort", "cli", "--no-resume", "--db-dir", db);
    assertThat(partial.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(partial.out()).contains("Files: 83 found, 82 imported, 0 skipped").contains(
        "1 failed");

    CliRunner.Result missing = CliRunner.run("extract", "--source", dir.resolve("nope").toString(),
        "--cohort", "cli", "--db-dir", db);
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("is not a folder");

    CliRunner.Result unknown = CliRunner.run("export", "--cohort", "nope", "--out",
        export.toString(), "--db-dir", db);
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);

    CliRunner.Result badWorkers = CliRunner.run("extract", "--source", cohort.toString(),
        "--cohort", "cli", "--workers", "0", "--db-dir", db);
    assertThat(badWorkers.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void demoPrintsTheSummaryTableAndRerunsAsANoOp(@TempDir Path dir) {
    String[] args = {"demo", "--out", dir.resolve("demo").toString(), "--subjects", "2",
        "--db-dir", dir.resolve("db").toString()};
    CliRunner.Result first = CliRunner.run(args);
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out()).containsPattern("CT +2 +2 +6 +8 +36")
        .containsPattern("MR +2 +2 +8 +12 +112")
        .containsPattern("PT +2 +2 +2 +2 +16");
    CliRunner.Result second = CliRunner.run(args);
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("Subjects: 2 (2 already complete, skipped)")
        .containsPattern("MR +2 +2 +8 +12 +112");
  }
}
