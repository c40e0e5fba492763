package io.cohortflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.dicom.DicomObject;
import io.cohortflow.dicom.DicomReader;
import io.cohortflow.dicom.DicomWriter;
import io.cohortflow.dicom.Tag;
import io.cohortflow.store.Database;
import io.cohortflow.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extraction of generated cohorts into MariaDB: ground truth, determinism, resume, bad input. */
class CohortExtractorTest {
  @TempDir static Path work;
  static Path cohort;
  static Map<String, String> reference;

  @BeforeAll
  static void referenceRun() throws Exception {
    cohort = work.resolve("cohort");
    SampleCohort.write(cohort, 2, 7);
    try (Database db = Database.openMigrated(TestDatabase.fresh("reference"), 4)) {
      ExtractionSummary summary = ExtractionFixture.extract(db, cohort, "c", 1, 1000, true);
      assertThat(summary.filesFailed()).isZero();
      reference = ExtractionFixture.content(db, "c", work.resolve("reference-export"));
    }
  }

  private static List<List<String>> groundTruth() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(cohort.resolve(SampleCohort.GROUND_TRUTH))) {
      if (!line.startsWith("subject,")) {
        String[] f = line.split(",");
        rows.add(List.of(f[0], f[1], f[2], f[3], f[4], f[5]));
      }
    }
    rows.sort((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
    return rows;
  }

  @Test
  void stacksAndCountsMatchTheGroundTruthExactly() throws Exception {
    try (Database db = Database.openMigrated(TestDatabase.fresh("truth"), 4)) {
      ExtractionSummary summary = ExtractionFixture.extract(db, cohort, "c", 2, 50, true);
      List<List<String>> truth = groundTruth();
      long files = truth.stream().mapToLong(r -> Long.parseLong(r.get(5))).sum();
      assertThat(summary.filesImported()).isEqualTo(files);
      assertThat(summary.filesFound()).isEqualTo(files);
      assertThat(summary.subjects()).isEqualTo(2);

      List<List<String>> stored = ExtractionFixture.query(db, "SELECT su.subject_key,"
          + " st.study_instance_uid, se.series_instance_uid, se.modality, ss.stack_key,"
          + " CAST(ss.instance_count AS CHAR) FROM series_stack ss"
          + " JOIN series se ON se.id = ss.series_id JOIN study st ON st.id = se.study_id"
          + " JOIN subject su ON su.id = st.subject_id");
      stored.sort((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
      assertThat(stored).isEqualTo(truth);

      // every instance points at a stack of its own series; indices follow key order
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM instance i"
          + " JOIN series_stack ss ON ss.id = i.stack_id WHERE ss.series_id = i.series_id"))
          .isEqualTo(files);
      assertThat(ExtractionFixture.query(db, "SELECT stack_key FROM series_stack"
          + " WHERE series_id = (SELECT series_id FROM series_stack GROUP BY series_id"
          + " HAVING COUNT(*) = 4 LIMIT 1) ORDER BY stack_index").stream().map(r -> r.get(0)))
          .isSorted();
      assertThat(ExtractionFixture.query(db, "SELECT CAST(tube_current_min AS CHAR),"
          + " CAST(tube_current_max AS CHAR), CAST(dose_modulated AS CHAR) FROM series_stack"
          + " WHERE stack_key = 'CT|KVP=120|MA=MOD|EXP=MOD|ORIENT=AX' LIMIT 1"))
          .containsExactly(List.of("180", "260", "1")); // round(180 + 15 sin 7 + 70) = 260
    }
  }

  @Test
  void patientIdentityIsOnlyStoredAsAKeyedHash() throws Exception {
    try (Database db = Database.openMigrated(TestDatabase.fresh("privacy"), 2)) {
      ExtractionFixture.extract(db, cohort, "c", 2, 1000, true);
      assertThat(ExtractionFixture.query(db, "SELECT subject_key, patient_id_hash, patient_id,"
          + " patient_name FROM subject ORDER BY subject_key")).containsExactly(
          java.util.Arrays.asList("SUBJ-001", ExtractionFixture.IDENTIFIERS.hash("PID-SUBJ-001"),
              null, null),
          java.util.Arrays.asList("SUBJ-002", ExtractionFixture.IDENTIFIERS.hash("PID-SUBJ-002"),
              null, null));
    }
  }

  @Test
  void workerCountAndBatchSizeDoNotChangeTheResult() throws Exception {
    try (Database db = Database.openMigrated(TestDatabase.fresh("parallel"), 6)) {
      ExtractionFixture.extract(db, cohort, "c", 4, 7, true);
      assertThat(ExtractionFixture.content(db, "c", work.resolve("parallel-export")))
          .isEqualTo(reference);
    }
  }

  @Test
  void resumeSkipsCompleteSubjectsAndNoResumeUpdatesInPlace() throws Exception {
    try (Database db = Database.openMigrated(TestDatabase.fresh("resume"), 4)) {
      ExtractionFixture.extract(db, cohort, "c", 2, 100, true);
      ExtractionSummary again = ExtractionFixture.extract(db, cohort, "c", 2, 100, true);
      assertThat(again.subjectsSkipped()).isEqualTo(2);
      assertThat(again.filesFound()).isZero();
      assertThat(again.filesImported()).isZero();

      ExtractionSummary reread = ExtractionFixture.extract(db, cohort, "c", 2, 100, false);
      assertThat(reread.subjectsSkipped()).isZero();
      assertThat(reread.filesImported()).isEqualTo(reread.filesFound()).isPositive();
      assertThat(ExtractionFixture.content(db, "c", work.resolve("reread-export")))
          .isEqualTo(reference);
    }
  }

  @Test
  void killedRunRestartedEndsWithTheSameContent() throws Exception {
    io.cohortflow.store.DatabaseSettings settings = TestDatabase.fresh("killed");
    try (Database db = Database.openMigrated(settings, 4)) {
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), SlowExtraction.class.getName(),
          settings.describe(), cohort.toString())
          .redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (ExtractionFixture.count(db, "SELECT COUNT(*) FROM instance") < 30
          && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(50);
      }
      assertThat(child.isAlive()).as(Files.readString(work.resolve("child.log"))).isTrue();
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      long partial = ExtractionFixture.count(db, "SELECT COUNT(*) FROM instance");
      assertThat(partial).isBetween(30L, 150L);
      assertThat(partial % SlowExtraction.BATCH).as("whole batches only").isZero();

      ExtractionSummary resumed = ExtractionFixture.extract(db, cohort, "c", 2, 33, true);
      assertThat(resumed.filesSkipped()).isEqualTo(partial);
      assertThat(ExtractionFixture.content(db, "c", work.resolve("killed-export")))
          .isEqualTo(reference);
    }
  }

  /**
   * With batches of 10 the subject's stacks are planned from its stored instances; with 1000 its
   * files all come in one batch, and are planned before the insert: the same errors either way.
   */
  @ParameterizedTest
  @ValueSource(ints = {10, 1000})
  void badFilesAreRecordedAndTheRunGoesOn(int batchSize) throws Exception {
    Path bad = work.resolve("bad-" + batchSize);
    SampleCohort.write(bad, 1, 7);
    Path series = bad.resolve("SUBJ-001/MR_" + Files.list(bad.resolve("SUBJ-001"))
        .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("MR_")).findFirst()
        .orElseThrow().substring(3)).resolve("02_SAG_T1_MPRAGE");
    Path good = series.resolve("IM_0001.dcm");
    Files.writeString(series.resolve("notes.dcm"), "this is not a DICOM file\n");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(series.resolve("IM_9998.dcm"), java.util.Arrays.copyOf(bytes, 400));
    DicomObject noSeries = DicomReader.fullReader().read(good).dataset();
    noSeries.remove(Tag.SERIES_INSTANCE_UID);
    noSeries.putString(Tag.SOP_INSTANCE_UID, io.cohortflow.dicom.VR.UI, "2.25.1234");
    DicomWriter.explicitVrLittleEndian().write(series.resolve("IM_9999.dcm"), noSeries);
    Files.copy(good, series.resolve("IM_9997.dcm"));
    DicomObject longUid = DicomReader.fullReader().read(good).dataset();
    longUid.putString(Tag.SOP_INSTANCE_UID, io.cohortflow.dicom.VR.UI, "2.25." + "9".repeat(70));
    DicomWriter.explicitVrLittleEndian().write(series.resolve("IM_9996.dcm"), longUid);

    try (Database db = Database.openMigrated(TestDatabase.fresh("bad-" + batchSize), 4)) {
      ExtractionSummary summary = ExtractionFixture.extract(db, bad, "bad", 2, batchSize, true);
      long expected = groundTruth(bad);
      assertThat(summary.filesImported()).isEqualTo(expected);
      assertThat(summary.filesFailed()).isEqualTo(5);
      assertThat(ExtractionFixture.query(db, "SELECT e.stage, e.input_path FROM job_error e"
          + " ORDER BY e.input_path")).extracting(r -> r.get(0) + " " + Path.of(r.get(1))
          .getFileName()).containsExactly("validate IM_9996.dcm", "conflict IM_9997.dcm",
          "parse IM_9998.dcm", "validate IM_9999.dcm", "parse notes.dcm");
      assertThat(ExtractionFixture.query(db, "SELECT message FROM job_error"
          + " WHERE input_path LIKE '%IM_9996.dcm'").get(0).get(0))
          .isEqualTo("SOPInstanceUID is 75 characters long; DICOM allows at most 64");
      assertThat(ExtractionFixture.query(db, "SELECT message FROM job_error"
          + " WHERE input_path LIKE '%IM_9999.dcm'").get(0).get(0))
          .isEqualTo("missing SeriesInstanceUID");
      assertThat(ExtractionFixture.query(db, "SELECT status, CAST(files_failed AS CHAR),"
          + " CAST(files_imported AS CHAR) FROM job")).containsExactly(
          List.of("partial", "5", Long.toString(expected)));
    }
  }

  private static long groundTruth(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve(SampleCohort.GROUND_TRUTH)).stream().skip(1)
        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum();
  }

  @Test
  void failedBatchLeavesNoPartialRowsAndResumeFinishesTheJob() throws Exception {
    try (Database db = Database.openMigrated(TestDatabase.fresh("rollback"), 4)) {
      String poison = firstSopOf("SUBJ-002");
      refuseInsertOf(db, poison, "", "45000", "disk full (simulated)");
      assertThatThrownBy(() -> ExtractionFixture.extract(db, cohort, "c", 2, 1000, true))
          .isInstanceOf(SQLException.class).hasMessageContaining("disk full (simulated)");
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM instance i JOIN subject su"
          + " ON su.id = i.subject_id WHERE su.subject_key = 'SUBJ-002'")).isZero();
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM study st JOIN subject su"
          + " ON su.id = st.subject_id WHERE su.subject_key = 'SUBJ-002'")).isZero();
      // its stacks were stored before the failing insert, in the same transaction
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM series_stack")).isEqualTo(
          ExtractionFixture.count(db, "SELECT COUNT(*) FROM series_stack ss JOIN series se"
              + " ON se.id = ss.series_id JOIN study st ON st.id = se.study_id JOIN subject su"
              + " ON su.id = st.subject_id WHERE su.subject_key = 'SUBJ-001'"));
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM subject"
          + " WHERE subject_key = 'SUBJ-002' AND completed_at IS NOT NULL")).isZero();
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM subject"
          + " WHERE subject_key = 'SUBJ-001' AND completed_at IS NOT NULL")).isEqualTo(1);
      assertThat(ExtractionFixture.query(db, "SELECT status FROM job"))
          .containsExactly(List.of("failed"));

      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER refuse");
      }
      ExtractionSummary resumed = ExtractionFixture.extract(db, cohort, "c", 2, 1000, true);
      assertThat(resumed.subjectsSkipped()).isEqualTo(1);
      assertThat(ExtractionFixture.content(db, "c", work.resolve("rollback-export")))
          .isEqualTo(reference);
    }
  }

  @Test
  void batchRolledBackByALockConflictIsRunAgainWhole() throws Exception {
    try (Database db = Database.openMigrated(TestDatabase.fresh("deadlock"), 4)) {
      String victim = firstSopOf("SUBJ-002");
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        // A sequence is not transactional: it counts the attempts that the rollbacks undo.
        s.execute("CREATE SEQUENCE attempts");
      }
      refuseInsertOf(db, victim, " AND NEXTVAL(attempts) < 3", "40001", "Deadlock found (simulated)");
      ExtractionSummary summary = ExtractionFixture.extract(db, cohort, "c", 2, 1000, true);
      assertThat(summary.filesFailed()).isZero();
      // rolled back twice, written by the third attempt
      assertThat(ExtractionFixture.count(db, "SELECT NEXTVAL(attempts)")).isEqualTo(4);
      assertThat(ExtractionFixture.content(db, "c", work.resolve("deadlock-export")))
          .isEqualTo(reference);
      assertThat(ExtractionFixture.query(db, "SELECT status, CAST(files_imported AS CHAR),"
          + " CAST(files_failed AS CHAR) FROM job")).containsExactly(
          List.of("succeeded", String.valueOf(summary.filesFound()), "0"));
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM job_error")).isZero();
    }
  }

  @Test
  void lockConflictThatOutlastsEveryAttemptFailsTheBatchCleanly() throws Exception {
    try (Database db = Database.openMigrated(TestDatabase.fresh("deadlock-forever"), 4)) {
      String victim = firstSopOf("SUBJ-002");
      refuseInsertOf(db, victim, "", "40001", "Deadlock found (simulated)");
      assertThatThrownBy(() -> ExtractionFixture.extract(db, cohort, "c", 2, 1000, true))
          .isInstanceOf(SQLException.class).hasMessageContaining("Deadlock found (simulated)");
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM instance i JOIN subject su"
          + " ON su.id = i.subject_id WHERE su.subject_key = 'SUBJ-002'")).isZero();
    }
  }

  /**
   * A trigger {@code refuse} that fails the insert of that instance's row with the given SQLSTATE,
   * when {@code andAlso} (an SQL condition starting with AND, or empty) holds too.
   */
  private static void refuseInsertOf(Database db, String sopInstanceUid, String andAlso,
      String sqlState, String message) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TRIGGER refuse BEFORE INSERT ON instance FOR EACH ROW"
          + " IF NEW.sop_instance_uid = '" + sopInstanceUid + "'" + andAlso + " THEN"
          + " SIGNAL SQLSTATE '" + sqlState + "' SET MESSAGE_TEXT = '" + message + "'; END IF");
    }
  }

  private static String firstSopOf(String subject) throws Exception {
    try (var files = Files.walk(cohort.resolve(subject))) {
      Path first = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
      return DicomReader.headerReader().read(first).dataset().getString(Tag.SOP_INSTANCE_UID);
    }
  }

  @Test
  void unusualFileNamesAreStoredExactlyWithOrWithoutTheBulkLoad() throws Exception {
    Path odd = work.resolve("odd");
    Path subject = Files.createDirectories(odd.resolve("SUBJ-Ä"));
    List<String> names = List.of("tab\there.dcm", "back\\slash.dcm", "new\nline.dcm",
        "été 1.dcm", "\\N");
    try (var files = Files.walk(cohort.resolve("SUBJ-001"))) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
      for (int i = 0; i < names.size(); i++) {
        Files.copy(sources.get(i), subject.resolve(names.get(i)));
      }
    }
    Map<String, String> bulk;
    try (Database db = Database.openMigrated(TestDatabase.fresh("odd-bulk"), 2)) {
      assertThat(ExtractionFixture.query(db, "SELECT @@local_infile"))
          .as("the server takes the bulk load").containsExactly(List.of("1"));
      assertThat(ExtractionFixture.extract(db, odd, "odd", 1, 2, true).filesImported())
          .isEqualTo(names.size());
      assertThat(ExtractionFixture.query(db, "SELECT relative_path FROM instance"))
          .extracting(r -> Path.of(r.get(0)).getFileName().toString())
          .containsExactlyInAnyOrderElementsOf(names);
      bulk = ExtractionFixture.content(db, "odd", work.resolve("odd-bulk"));
    }
    try (Database db = Database.openMigrated(TestDatabase.fresh("odd-insert"), 2)) {
      setLocalInfile(db, false);
      try {
        ExtractionFixture.extract(db, odd, "odd", 1, 2, true);
      } finally {
        setLocalInfile(db, true);
      }
      assertThat(ExtractionFixture.content(db, "odd", work.resolve("odd-insert")))
          .isEqualTo(bulk);
    }
  }

  private static void setLocalInfile(Database db, boolean on) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("SET GLOBAL local_infile = " + (on ? 1 : 0));
    }
  }

  @Test
  void emptySourceSaysNothingWasFound() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty/SUBJ-X"));
    Files.writeString(empty.resolve("readme.txt"), "no images here");
    try (Database db = Database.openMigrated(TestDatabase.fresh("empty"), 2)) {
      assertThatThrownBy(() -> ExtractionFixture.extract(db, empty.getParent(), "e", 1, 10, true))
          .isInstanceOf(CohortExtractor.NothingToImportException.class)
          .hasMessageStartingWith("No DICOM files found in " + empty.getParent())
          .hasMessageContaining("*.dcm");
    }
  }
}
