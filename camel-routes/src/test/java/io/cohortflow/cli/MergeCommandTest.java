package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract --rows-out} per subject (each in its own embedded database, as Nextflow tasks
 * run) and {@code merge rows} give the bytes one {@code extract} + {@code export} gives.
 */
class MergeCommandTest {
  private static final List<String> FILES = List.of("subjects.csv", "studies.csv", "series.csv",
      "stacks.csv", "instances.csv");

  @Test
  void perSubjectRowsMergeIntoTheSingleRunExport(@TempDir Path dir) throws Exception {
    Path cohort = dir.resolve("cohort");
    assertThat(CliRunner.run("sample", "--out", cohort.toString(), "--subjects", "2").exitCode())
        .isZero();
    Files.delete(cohort.resolve("ground-truth.csv"));
    String secret = "--identifier-secret=merge-test";
    CliRunner.Result whole = CliRunner.run("extract", "--source", cohort.toString(), "--cohort",
        "c", secret, "--db-dir", dir.resolve("db-all").toString(), "--rows-out",
        dir.resolve("single").toString());
    assertThat(whole.exitCode()).as(whole.all()).isZero();

    // One task per subject: the subject folder reached through a link, as Nextflow stages it.
    String[] subjects = {"SUBJ-001", "SUBJ-002"};
    String[] rows = new String[subjects.length + 2];
    rows[0] = "--out=" + dir.resolve("merged");
    for (int i = 0; i < subjects.length; i++) {
      Path source = Files.createDirectories(dir.resolve("task" + i + "/cohort"));
      Files.createSymbolicLink(source.resolve(subjects[i]), cohort.resolve(subjects[i]));
      Path out = dir.resolve("task" + i + "/rows");
      CliRunner.Result task = CliRunner.run("extract", "--source", source.toString(),
          "--cohort", "c", secret, "--db-dir", dir.resolve("task" + i + "/db").toString(),
          "--rows-out", out.toString());
      assertThat(task.exitCode()).as(task.all()).isZero();
      assertThat(task.out()).contains("Files: 82 found, 82 imported");
      rows[i + 2] = out.toString();
    }
    // A folder that is not a row folder is reported, left out, and the exit code says so.
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("subjects.csv"), "subject_key\n");
    rows[1] = broken.toString();
    CliRunner.Result merged = CliRunner.run(prepend("merge", "rows", rows));
    assertThat(merged.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(merged.err()).contains("left out " + broken).contains("studies.csv: missing");
    assertThat(merged.out()).containsPattern("instances.csv +164 rows");
    for (String file : FILES) {
      assertThat(Files.readAllBytes(dir.resolve("merged").resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(dir.resolve("single").resolve(file)));
    }

    // The same subject twice: the duplicate keys are named and nothing is merged.
    CliRunner.Result twice = CliRunner.run("merge", "rows", "--out",
        dir.resolve("twice").toString(), rows[2], rows[2]);
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(twice.err()).contains("a row with the same [subject_key]").contains("SUBJ-001");
  }

  @Test
  void perCaseRadiomicsMergeIntoTheBatchRunInTableOrder(@TempDir Path dir) throws Exception {
    Path data = Path.of("../workflows/assets/test/radiomics").toAbsolutePath().normalize();
    String settings = Path.of("../config/ibsi/digital-phantom.json").toAbsolutePath().toString();
    // The failing case first: its result has no feature columns, the merge takes them from the
    // others and must still give the batch run's column order.
    List<String> rows = List.of("broken,case1_image.nii.gz,missing.nii.gz",
        "case1,case1_image.nii.gz,case1_mask.nii.gz", "case2,case2_image.nii.gz,case2_mask.nii.gz");
    String header = "case_id,image,mask\n";
    Path table = dir.resolve("rois.csv");
    Files.writeString(table, header + String.join("\n", rows) + "\n");
    CliRunner.Result batch = CliRunner.run("radiomics", "--settings", settings, "--roi-csv",
        table.toString(), "--data", data.toString(), "--out", dir.resolve("batch").toString(),
        "--no-db");
    assertThat(batch.exitCode()).as(batch.all()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);

    // One run per case, as the Nextflow tasks do, merged in table order.
    String[] merge = {"merge", "radiomics", "--out", dir.resolve("merged").toString(),
        dir.resolve("case0").toString(), dir.resolve("case1").toString(),
        dir.resolve("case2").toString()};
    for (int i = 0; i < rows.size(); i++) {
      Path one = dir.resolve("case" + i + ".csv");
      Files.writeString(one, header + rows.get(i) + "\n");
      CliRunner.run("radiomics", "--settings", settings, "--roi-csv", one.toString(), "--data",
          data.toString(), "--out", dir.resolve("case" + i).toString(), "--no-db");
    }
    CliRunner.Result merged = CliRunner.run(merge);
    assertThat(merged.exitCode()).as(merged.all()).isZero();
    assertThat(merged.out()).containsPattern("features.csv +3 rows");
    for (String file : List.of("features.csv", "diagnostics.csv")) {
      assertThat(Files.readAllBytes(dir.resolve("merged").resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(dir.resolve("batch").resolve(file)));
    }
    assertThat(Files.list(dir.resolve("merged/cases")).count()).isEqualTo(3);

    // The same case twice is refused, naming the file.
    CliRunner.Result twice = CliRunner.run("merge", "radiomics", "--out",
        dir.resolve("twice").toString(), dir.resolve("case1").toString(),
        dir.resolve("case1").toString());
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(twice.err()).contains("a second result for case file");
    // A folder without results is left out and reported.
    CliRunner.Result empty = CliRunner.run("merge", "radiomics", "--out",
        dir.resolve("partial").toString(), dir.resolve("case2").toString(),
        Files.createDirectories(dir.resolve("empty")).toString());
    assertThat(empty.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(empty.err()).contains("left out " + dir.resolve("empty"))
        .contains("features.csv: missing");
    assertThat(Files.readAllLines(dir.resolve("partial/features.csv"))).hasSize(2);
  }

  private static String[] prepend(String a, String b, String[] rest) {
    String[] all = new String[rest.length + 2];
    all[0] = a;
    all[1] = b;
    System.arraycopy(rest, 0, all, 2, rest.length);
    return all;
  }
}
