package io.cohortflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.ExternalMariaDbServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workflows/main.nf} run by real Nextflow 24.10.0: the {@code test} profile's outputs equal
 * the single-machine CLI's on the same inputs, {@code -resume} re-runs nothing when nothing
 * changed and only the changed case when one input changes, and a failing case fails its task
 * with cohortflow's message while, with {@code --error_strategy ignore}, the others complete.
 */
class NextflowWorkflowTest {
  private static final List<String> EXPORT_FILES = List.of("subjects.csv", "studies.csv",
      "series.csv", "stacks.csv", "instances.csv");

  @Test
  void testProfileEqualsTheSingleMachineCliAndResumesWithNothingToDo(@TempDir Path dir)
      throws Exception {
    NextflowRunner nextflow = new NextflowRunner(dir);
    Path launch = dir.resolve("launch");
    Path out = dir.resolve("results");
    NextflowRunner.Run run = nextflow.run(launch, "-profile", "test", "--outdir", out.toString());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.submitted()).as(run.output()).hasSize(13).contains(
        "COHORTFLOW_SAMPLE 2 subjects", "COHORTFLOW_EXTRACT sample-cohort/SUBJ-001",
        "COHORTFLOW_EXTRACT sample-cohort/SUBJ-002", "COHORTFLOW_ANNOTATIONS mask_a",
        "COHORTFLOW_SLICES mask_c", "COHORTFLOW_RADIOMICS case2/mask",
        "COHORTFLOW_MERGE rows/sample-cohort", "COHORTFLOW_MERGE radiomics/rois");

    // The same inputs through the CLI on one machine.
    Path assets = nextflow.repo().resolve("workflows/assets/test");
    Path single = dir.resolve("single");
    nextflow.cohortflow(single, "sample", "--out", "sample-cohort", "--subjects", "2");
    nextflow.cohortflow(single, "extract", "--source", "sample-cohort", "--cohort",
        "sample-cohort", "--db-dir", "db");
    nextflow.cohortflow(single, "export", "--cohort", "sample-cohort", "--out", "extraction",
        "--db-dir", "db");
    nextflow.cohortflow(single, "annotations", assets.resolve("masks").toString(), "annotations");
    nextflow.cohortflow(single, "slices", assets.resolve("masks").toString(), "slices");
    nextflow.cohortflow(single, "radiomics", "--settings",
        nextflow.repo().resolve("config/ibsi/digital-phantom.json").toString(), "--roi-csv",
        assets.resolve("radiomics/rois.csv").toString(), "--data",
        assets.resolve("radiomics").toString(), "--out", "radiomics", "--no-db");

    for (String file : EXPORT_FILES) {
      assertThat(Files.readAllBytes(out.resolve("extraction/sample-cohort").resolve(file)))
          .as(file).isEqualTo(Files.readAllBytes(single.resolve("extraction").resolve(file)));
    }
    assertThat(Files.readAllLines(out.resolve("extraction/sample-cohort/instances.csv")))
        .hasSize(1 + 164);
    assertSameTree(out.resolve("annotations"), single.resolve("annotations"));
    assertSameTree(out.resolve("slices"), single.resolve("slices"));
    for (String file : List.of("features.csv", "diagnostics.csv")) {
      assertThat(Files.readAllBytes(out.resolve("radiomics/rois").resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(single.resolve("radiomics").resolve(file)));
    }
    assertThat(Files.readAllLines(out.resolve("radiomics/rois/features.csv"))).hasSize(3);
    assertThat(names(out.resolve("radiomics/rois/cases")))
        .isEqualTo(names(single.resolve("radiomics/cases")));
    assertThat(Files.readString(out.resolve("pipeline_info/versions.yml")))
        .contains("\"COHORTFLOW_EXTRACT\":\n    cohortflow: ");

    NextflowRunner.Run again = nextflow.run(launch, "-profile", "test", "--outdir",
        out.toString(), "-resume");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.submitted()).as(again.output()).isEmpty();
    assertThat(again.cached()).hasSize(13);
  }

  @Test
  void resumeRerunsOnlyTheChangedCase(@TempDir Path dir) throws Exception {
    NextflowRunner nextflow = new NextflowRunner(dir);
    Path data = dir.resolve("data");
    nextflow.cohortflow(data, "sample", "--out", "cohort", "--subjects", "2");
    Path masks = copyMasks(nextflow, data.resolve("masks"));
    Path launch = dir.resolve("launch");
    String[] args = {"--input", data.resolve("cohort") + "," + masks, "--steps",
        "extract,annotations", "--outdir", dir.resolve("results").toString(), "--max_cpus", "1",
        "-resume"};
    NextflowRunner.Run first = nextflow.run(launch, args);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.submitted()).hasSize(6);

    // A subject's file changed in place (its folder's own metadata stays the same) and a mask.
    Path changed;
    try (Stream<Path> files = Files.walk(data.resolve("cohort/SUBJ-002"))) {
      changed = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
    long size = Files.size(changed);
    Files.write(changed, new byte[16], StandardOpenOption.APPEND);
    Files.copy(masks.resolve("mask_a.nii.gz"), masks.resolve("mask_b.nii.gz"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    NextflowRunner.Run second = nextflow.run(launch, args);
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.submitted()).as(second.output()).containsExactlyInAnyOrder(
        "COHORTFLOW_EXTRACT cohort/SUBJ-002", "COHORTFLOW_ANNOTATIONS mask_b",
        "COHORTFLOW_MERGE rows/cohort");
    assertThat(second.cached()).containsExactlyInAnyOrder("COHORTFLOW_EXTRACT cohort/SUBJ-001",
        "COHORTFLOW_ANNOTATIONS mask_a", "COHORTFLOW_ANNOTATIONS mask_c");

    String relative = data.resolve("cohort").relativize(changed).toString();
    assertThat(Files.readAllLines(dir.resolve("results/extraction/cohort/instances.csv")))
        .filteredOn(line -> line.contains("," + relative + ","))
        .singleElement().asString().endsWith("," + relative + "," + (size + 16));
    Path axial = dir.resolve("results/annotations");
    for (String name : names(axial.resolve("mask_a/axial"))) {
      assertThat(axial.resolve("mask_b/axial").resolve(name.replace("mask_a", "mask_b")))
          .hasSameBinaryContentAs(axial.resolve("mask_a/axial").resolve(name));
    }
  }

  @Test
  void aFailingCaseFailsItsTaskAndWithIgnoreTheOthersComplete(@TempDir Path dir)
      throws Exception {
    NextflowRunner nextflow = new NextflowRunner(dir);
    Path masks = copyMasks(nextflow, dir.resolve("masks"));
    Files.writeString(masks.resolve("bad.nii.gz"), "not a NIfTI file");
    Path launch = dir.resolve("launch");
    Path out = dir.resolve("results");

    NextflowRunner.Run failed = nextflow.run(launch, "--input", masks.toString(), "--steps",
        "annotations", "--outdir", out.toString());
    assertThat(failed.exitCode()).as(failed.output()).isNotZero();
    assertThat(failed.output()).contains("Error executing process > 'COHORTFLOW_ANNOTATIONS (bad)'")
        .contains("Error processing bad.nii.gz");

    NextflowRunner.Run ignored = nextflow.run(launch, "--input", masks.toString(), "--steps",
        "annotations", "--outdir", out.toString(), "--error_strategy", "ignore");
    assertThat(ignored.exitCode()).as(ignored.output()).isZero();
    assertThat(ignored.output()).contains("COHORTFLOW_ANNOTATIONS (bad)")
        .contains("Error is ignored");
    assertThat(names(out.resolve("annotations"))).containsExactly("mask_a", "mask_b", "mask_c");

    NextflowRunner.Run unknownStep = nextflow.run(launch, "--input", masks.toString(),
        "--steps", "annotations,segment");
    assertThat(unknownStep.exitCode()).isNotZero();
    assertThat(unknownStep.output()).contains("steps: unknown segment");
    // Extraction without the identifier secret would hash PatientID with a key per task.
    Files.createDirectories(dir.resolve("cohort/SUBJ-001"));
    NextflowRunner.Run noSecret = nextflow.run(launch, Map.of("COHORTFLOW_IDENTIFIER_SECRET", ""),
        "--input", dir.resolve("cohort").toString(), "--steps", "extract");
    assertThat(noSecret.exitCode()).isNotZero();
    assertThat(noSecret.output()).contains("every task must hash PatientID with the same secret");
    assertThat(noSecret.submitted()).isEmpty();
  }

  @Test
  void withDbUrlEveryTaskWritesToOneServerAndTheSecretsStayOutOfTheRunFolder(@TempDir Path dir)
      throws Exception {
    NextflowRunner nextflow = new NextflowRunner(dir);
    Path data = dir.resolve("data");
    nextflow.cohortflow(data, "sample", "--out", "cohort", "--subjects", "2");
    nextflow.cohortflow(data, "extract", "--source", "cohort", "--cohort", "cohort", "--db-dir",
        "db");
    nextflow.cohortflow(data, "export", "--cohort", "cohort", "--out", "single", "--db-dir", "db");
    try (ExternalMariaDbServer server = ExternalMariaDbServer.start()) {
      String url = server.serverUrl() + "/cohortflow_nextflow";
      try (Connection c = DriverManager.getConnection(server.serverUrl() + "/", server.user(),
          server.password()); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE cohortflow_nextflow CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      }
      // Both secrets from Nextflow's secret store, none in the environment.
      Path launch = dir.resolve("launch");
      nextflow.setSecret("COHORTFLOW_DB_PASSWORD", server.password());
      nextflow.setSecret("COHORTFLOW_IDENTIFIER_SECRET", NextflowRunner.IDENTIFIER_SECRET);
      Path out = dir.resolve("results");
      NextflowRunner.Run run = nextflow.run(launch, Map.of("COHORTFLOW_IDENTIFIER_SECRET", ""),
          "--input", data.resolve("cohort").toString(), "--steps", "extract", "--db_url", url,
          "--db_user", server.user(), "--outdir", out.toString(), "--max_cpus", "1",
          "--secrets", "COHORTFLOW_DB_PASSWORD,COHORTFLOW_IDENTIFIER_SECRET");
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.submitted()).containsExactlyInAnyOrder("COHORTFLOW_EXTRACT cohort/SUBJ-001",
          "COHORTFLOW_EXTRACT cohort/SUBJ-002", "COHORTFLOW_MERGE export/cohort");
      // Two tasks writing at once can meet an InnoDB deadlock: extract runs the batch again, and
      // should that fail too (exit 3) the config retries the task.
      System.out.println("db_url run: re-submitted after a database failure: "
          + run.resubmitted());
      for (String file : EXPORT_FILES) {
        assertThat(Files.readAllBytes(out.resolve("extraction/cohort").resolve(file))).as(file)
            .isEqualTo(Files.readAllBytes(data.resolve("single").resolve(file)));
      }
      try (Stream<Path> files = Files.walk(launch)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String text = Files.readString(f, StandardCharsets.ISO_8859_1);
          assertThat(text).as(f.toString()).doesNotContain(server.password())
              .doesNotContain(NextflowRunner.IDENTIFIER_SECRET);
        }
      }
    }
  }

  private static Path copyMasks(NextflowRunner nextflow, Path target) throws IOException {
    Files.createDirectories(target);
    for (String name : List.of("mask_a.nii.gz", "mask_b.nii.gz", "mask_c.nii.gz")) {
      Files.copy(nextflow.repo().resolve("workflows/assets/test/masks").resolve(name),
          target.resolve(name));
    }
    return target;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Same relative paths, same bytes. */
  private static void assertSameTree(Path actual, Path expected) throws IOException {
    List<String> actualFiles = relativeFiles(actual);
    assertThat(actualFiles).isEqualTo(relativeFiles(expected)).isNotEmpty();
    for (String file : actualFiles) {
      assertThat(actual.resolve(file)).as(file).hasSameBinaryContentAs(expected.resolve(file));
    }
  }

  private static List<String> relativeFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
          .toList();
    }
  }
}
