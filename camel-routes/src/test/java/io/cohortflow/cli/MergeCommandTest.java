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

  private static String[] prepend(String a, String b, String[] rest) {
    String[] all = new String[rest.length + 2];
    all[0] = a;
    all[1] = b;
    System.arraycopy(rest, 0, all, 2, rest.length);
    return all;
  }
}
