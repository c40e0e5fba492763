package io.cohortflow.store;

import io.cohortflow.extraction.InstanceRecord;
import io.cohortflow.stacks.StackMember;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes extraction results to the cohortflow schema: cohort, job and subject rows, batches of
 * instances with their parents (one transaction per batch, so after a crash the database holds whole
 * batches only), and, once a subject folder is complete, its series stacks: in the transaction of
 * the folder's last batch, or in one of their own when the folder ends without a batch to write.
 */
public final class ExtractionWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractionWriter.class);
  private static final int TRANSACTION_ATTEMPTS = 5;
  private static final String INSTANCE_COLUMNS = "cohort_id, series_id, subject_id, stack_id,"
      + " sop_instance_uid, sop_class_uid, instance_number, image_position_patient,"
      + " image_orientation_patient, slice_location, rows_count, columns_count, pixel_spacing_row,"
      + " pixel_spacing_column, echo_numbers, echo_time, inversion_time, flip_angle, kvp,"
      + " tube_current, exposure, orientation, orientation_confidence, pet_number_of_slices,"
      + " pet_series_type, image_type, acquisition_date, acquisition_time, number_of_frames,"
      + " transfer_syntax_uid, relative_path, path_hash, file_size";
  private static final int INSTANCE_COLUMN_COUNT = INSTANCE_COLUMNS.split(",").length;
  /** A re-read file keeps its series, subject and stack until its subject's stacks are planned. */
  private static final String INSTANCE_UPDATES = updatesOf(INSTANCE_COLUMNS, 4);
  private static final int IN_LIST_CHUNK = 500;

  private final DataSource dataSource;
  /** Whether the server takes LOAD DATA LOCAL; asked once, on the first batch. */
  private volatile Boolean bulkLoad;

  public ExtractionWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A parsed file ready to be written, with the values the caller derived from it. PatientID and
   * PatientName are written only from {@code patientId} and {@code patientName}, which the caller
   * leaves null unless identifiers are to be stored in clear; the record's own are never written.
   */
  public record InstanceRow(InstanceRecord record, String patientIdHash, String patientId,
      String patientName, String orientation, Double orientationConfidence) {}

  /** A file that could not be imported. */
  public record ErrorRow(String inputPath, String stage, String message) {}

  /** Job counters, written with every batch so they always match the committed data. */
  public record JobCounters(long found, long imported, long skipped, long failed) {}

  /** The id of cohort {@code name}, created when new. */
  public long ensureCohort(String name, String sourcePath) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO cohort (name, source_path)"
            + " VALUES (?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id),"
            + " source_path = VALUES(source_path)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, name);
      ps.setString(2, sourcePath);
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  /** Records the start of a job; {@code parametersJson} must be valid JSON. */
  public long startJob(String kind, long cohortId, String parametersJson) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO job (kind, cohort_id, parameters)"
            + " VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, kind);
      ps.setLong(2, cohortId);
      ps.setString(3, parametersJson);
      ps.executeUpdate();
      return generatedId(ps);
    }
  }

  /** Records the end of a job with its final counters. */
  public void finishJob(long jobId, String status, JobCounters counters) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      updateJob(c, jobId, counters);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE job SET status = ?, finished_at = CURRENT_TIMESTAMP(3) WHERE id = ?")) {
        ps.setString(1, status);
        ps.setLong(2, jobId);
        ps.executeUpdate();
      }
    }
  }

  /** Records errors that belong to no batch (e.g. a folder that cannot be listed). */
  public void recordErrors(long jobId, List<ErrorRow> errors, JobCounters counters)
      throws SQLException {
    inTransaction(c -> {
      insertErrors(c, jobId, errors);
      updateJob(c, jobId, counters);
    });
  }

  /** The subject's id and whether its folder was completely imported, creating it when new. */
  public record SubjectState(long id, boolean complete) {}

  public SubjectState ensureSubject(long cohortId, String subjectKey) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO subject (cohort_id, subject_key)"
          + " VALUES (?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, cohortId);
        ps.setString(2, subjectKey);
        ps.executeUpdate();
        long id = generatedId(ps);
        try (PreparedStatement q = c.prepareStatement(
            "SELECT completed_at IS NOT NULL FROM subject WHERE id = ?")) {
          q.setLong(1, id);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            return new SubjectState(id, rs.getBoolean(1));
          }
        }
      }
    }
  }

  /** Marks a subject incomplete again, e.g. before a run that re-reads everything. */
  public void reopenSubject(long subjectId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE subject SET completed_at = NULL WHERE id = ?")) {
      ps.setLong(1, subjectId);
      ps.executeUpdate();
    }
  }

  /** The path hashes (SHA-256 of the relative path, hex) of the subject's imported files. */
  public Set<String> importedPathHashes(long subjectId) throws SQLException {
    Set<String> hashes = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT HEX(path_hash) FROM instance WHERE subject_id = ?")) {
      ps.setLong(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hashes.add(rs.getString(1).toLowerCase());
        }
      }
    }
    return hashes;
  }

  /** SHA-256 of a relative path, as stored in {@code instance.path_hash}. */
  public static byte[] pathHash(String relativePath) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(relativePath.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** Hex form of {@link #pathHash(String)}. */
  public static String pathHashHex(String relativePath) {
    return java.util.HexFormat.of().formatHex(pathHash(relativePath));
  }

  /**
   * What a batch did: instances written, and files refused because their SOP Instance UID was
   * already imported from another file (recorded as conflicts).
   */
  public record BatchResult(int written, int conflicts) {}

  /**
   * Writes one batch in one transaction: parents first (studies, series, details), then the
   * instances, the errors and the job counters. {@code refreshParents} are the study and series
   * UIDs whose rows should take this batch's values (a run that re-reads everything); others keep
   * the values of the file that created them. With {@code completesSubject} the batch is the
   * subject folder's last, and the same transaction also does what {@link #completeSubject} does.
   */
  public BatchResult writeBatch(long jobId, long cohortId, long subjectId, List<InstanceRow> rows,
      List<ErrorRow> errors, Set<String> refreshParents, JobCounters counters,
      boolean updateInPlace, boolean completesSubject) throws SQLException {
    // Looking up every SOP Instance UID of the batch first was the server's second-largest
    // statement, and such a UID is rarely stored already. When stored rows are not to be updated
    // and the bulk load (which reports a duplicate key) is in use, the batch is written without
    // the lookup; a duplicate rolls that attempt back and the batch is written again with it.
    if (!updateInPlace && Boolean.TRUE.equals(bulkLoad)) {
      try {
        return writeBatch(jobId, cohortId, subjectId, rows, errors, refreshParents, counters,
            false, completesSubject, false);
      } catch (InstanceBulkLoad.DuplicateKeyException e) {
        // some instance of the batch is stored already: conflict or file imported before
      }
    }
    return writeBatch(jobId, cohortId, subjectId, rows, errors, refreshParents, counters,
        updateInPlace, completesSubject, true);
  }

  private BatchResult writeBatch(long jobId, long cohortId, long subjectId,
      List<InstanceRow> rows, List<ErrorRow> errors, Set<String> refreshParents,
      JobCounters counters, boolean updateInPlace, boolean completesSubject, boolean lookUpStored)
      throws SQLException {
    List<InstanceRow> accepted = new ArrayList<>();
    List<ErrorRow> allErrors = new ArrayList<>();
    int[] conflicts = {0};
    inTransaction(c -> {
      // a transaction run again after a lock conflict starts from the batch as given
      accepted.clear();
      allErrors.clear();
      allErrors.addAll(errors);
      conflicts[0] = 0;
      Map<String, byte[]> existing = lookUpStored ? existingPaths(c, cohortId, rows) : Map.of();
      Set<String> inBatch = new HashSet<>();
      for (InstanceRow row : rows) {
        InstanceRecord r = row.record();
        byte[] existingHash = existing.get(r.sopInstanceUid());
        // Hashed here only for a UID already stored (rare); instanceValues hashes every row once.
        boolean sameFile = existingHash != null
            && java.util.Arrays.equals(pathHash(r.relativePath()), existingHash);
        if (!inBatch.add(r.sopInstanceUid()) || (existingHash != null && !sameFile)
            || (sameFile && !updateInPlace)) {
          if (!sameFile) {
            conflicts[0]++;
            allErrors.add(new ErrorRow(r.relativePath(), "conflict", "SOP Instance UID "
                + r.sopInstanceUid() + " is already imported from another file"));
          }
          continue;
        }
        accepted.add(row);
      }
      // A subject whose files all come in this batch gets its stacks planned before the insert,
      // so each instance row is written once; otherwise the stored instances are re-planned.
      boolean wholeSubject = completesSubject && !hasInstances(c, subjectId);
      Map<String, Long> seriesIds = writeParents(c, cohortId, subjectId, accepted, refreshParents);
      List<Long> stackIds = wholeSubject ? planStacks(c, accepted, seriesIds)
          : java.util.Collections.nCopies(accepted.size(), null);
      insertInstances(c, cohortId, subjectId, accepted, seriesIds, stackIds, existing.keySet());
      if (wholeSubject) {
        StackWriter.updateSeriesCounts(c, new HashSet<>(seriesIds.values()));
      } else if (completesSubject) {
        StackWriter.replanSubject(c, subjectId);
      }
      if (completesSubject) {
        markComplete(c, subjectId);
      }
      insertErrors(c, jobId, allErrors);
      updateJob(c, jobId, new JobCounters(counters.found(), counters.imported() + accepted.size(),
          counters.skipped(), counters.failed() + conflicts[0]));
    });
    return new BatchResult(accepted.size(), conflicts[0]);
  }

  private static boolean hasInstances(Connection c, long subjectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM instance WHERE subject_id = ? LIMIT 1")) {
      ps.setLong(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Plans and stores the stacks of {@code rows} before they are inserted, from the values their
   * instance rows will hold, and returns each row's stack id, in order.
   */
  private static List<Long> planStacks(Connection c, List<InstanceRow> rows,
      Map<String, Long> seriesIds) throws SQLException {
    // In series id order and, within a series, in insert order (= instance id order), as a plan
    // from the stored instances would see them.
    Map<Long, List<StackMember>> members = new java.util.TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      InstanceRow row = rows.get(i);
      InstanceRecord r = row.record();
      members.computeIfAbsent(seriesIds.get(r.seriesInstanceUid()), k -> new ArrayList<>())
          .add(new StackMember(i, r.echoTime(), r.inversionTime(), r.flipAngle(),
              StackWriter.firstInteger(r.echoNumbers()), r.imageType(), row.orientation(),
              row.orientationConfidence(), r.kvp(), r.xRayTubeCurrent(), r.exposure(),
              r.numberOfSlices(), r.seriesType()));
    }
    Map<Long, Long> stackOfRow = StackWriter.planBeforeInsert(c, members);
    List<Long> stackIds = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      stackIds.add(stackOfRow.get((long) i));
    }
    return stackIds;
  }

  /** SOP Instance UID → path hash of the batch's instances already stored in the cohort. */
  private Map<String, byte[]> existingPaths(Connection c, long cohortId, List<InstanceRow> rows)
      throws SQLException {
    Map<String, byte[]> existing = new HashMap<>();
    List<String> uids = rows.stream().map(r -> r.record().sopInstanceUid()).distinct().toList();
    for (int from = 0; from < uids.size(); from += IN_LIST_CHUNK) {
      List<String> chunk = uids.subList(from, Math.min(uids.size(), from + IN_LIST_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("SELECT sop_instance_uid, path_hash"
          + " FROM instance WHERE cohort_id = ? AND sop_instance_uid IN ("
          + placeholders(chunk.size()) + ")")) {
        ps.setLong(1, cohortId);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            existing.put(rs.getString(1), rs.getBytes(2));
          }
        }
      }
    }
    return existing;
  }

  private Map<String, Long> writeParents(Connection c, long cohortId, long subjectId,
      List<InstanceRow> rows, Set<String> refresh) throws SQLException {
    Map<String, InstanceRow> firstOfStudy = new LinkedHashMap<>();
    Map<String, InstanceRow> firstOfSeries = new LinkedHashMap<>();
    for (InstanceRow row : rows) {
      firstOfStudy.putIfAbsent(row.record().studyInstanceUid(), row);
      firstOfSeries.putIfAbsent(row.record().seriesInstanceUid(), row);
    }
    if (!rows.isEmpty()) {
      updateSubjectPatient(c, subjectId, rows.get(0), refresh.contains("subject"));
    }
    List<Object[]> studies = new ArrayList<>();
    List<Boolean> refreshStudies = new ArrayList<>();
    for (InstanceRow row : firstOfStudy.values()) {
      InstanceRecord r = row.record();
      studies.add(new Object[] {cohortId, subjectId, r.studyInstanceUid(), r.studyDate(),
          r.studyTime(), r.studyDescription(), r.modality(), r.manufacturer(),
          r.manufacturerModelName(), r.stationName(), r.institutionName()});
      refreshStudies.add(refresh.contains(r.studyInstanceUid()));
    }
    Map<String, Long> studyIds = upsertAll(c, "study", STUDY_COLUMNS, "study_instance_uid",
        cohortId, studies, refreshStudies);
    List<Object[]> series = new ArrayList<>();
    List<Boolean> refreshSeries = new ArrayList<>();
    for (InstanceRow row : firstOfSeries.values()) {
      InstanceRecord r = row.record();
      series.add(new Object[] {cohortId, studyIds.get(r.studyInstanceUid()),
          r.seriesInstanceUid(), r.modality(), r.seriesNumber(), r.seriesDate(), r.seriesTime(),
          r.seriesDescription(), r.protocolName(), r.sequenceName(), r.bodyPartExamined(),
          r.scanningSequence(), r.sequenceVariant(), r.scanOptions(), r.frameOfReferenceUid(),
          r.sliceThickness()});
      refreshSeries.add(refresh.contains(r.seriesInstanceUid()));
    }
    Map<String, Long> seriesIds = upsertAll(c, "series", SERIES_COLUMNS, "series_instance_uid",
        cohortId, series, refreshSeries);
    SeriesDetailsWriter details = new SeriesDetailsWriter();
    for (InstanceRow row : firstOfSeries.values()) {
      InstanceRecord r = row.record();
      details.add(seriesIds.get(r.seriesInstanceUid()), r, refresh.contains(r.seriesInstanceUid()));
    }
    details.write(c);
    return seriesIds;
  }

  private static final String STUDY_COLUMNS = "cohort_id, subject_id, study_instance_uid,"
      + " study_date, study_time, study_description, modality, manufacturer,"
      + " manufacturer_model_name, station_name, institution_name";
  private static final String SERIES_COLUMNS = "cohort_id, study_id, series_instance_uid,"
      + " modality, series_number, series_date, series_time, series_description, protocol_name,"
      + " sequence_name, body_part_examined, scanning_sequence, sequence_variant, scan_options,"
      + " frame_of_reference_uid, slice_thickness";

  /**
   * Inserts parent rows (natural key in the third column) in at most two multi-row statements —
   * rows to refresh take the new values, others keep theirs — and returns natural key → id.
   */
  private static Map<String, Long> upsertAll(Connection c, String table, String columns,
      String keyColumn, long cohortId, List<Object[]> rows, List<Boolean> refresh)
      throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    if (rows.isEmpty()) {
      return ids;
    }
    for (boolean refreshing : new boolean[] {false, true}) {
      List<Object[]> part = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (refresh.get(i) == refreshing) {
          part.add(rows.get(i));
        }
      }
      if (!part.isEmpty()) {
        String tuple = "(" + placeholders(part.get(0).length) + ")";
        String sql = "INSERT INTO " + table + " (" + columns + ") VALUES "
            + String.join(", ", java.util.Collections.nCopies(part.size(), tuple))
            + " ON DUPLICATE KEY UPDATE " + (refreshing ? updatesOf(columns, 3) : "id = id");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int p = 1;
          for (Object[] row : part) {
            for (Object value : row) {
              ps.setObject(p++, value);
            }
          }
          ps.executeUpdate();
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT " + keyColumn + ", id FROM " + table
        + " WHERE cohort_id = ? AND " + keyColumn + " IN (" + placeholders(rows.size()) + ")")) {
      ps.setLong(1, cohortId);
      for (int i = 0; i < rows.size(); i++) {
        ps.setObject(i + 2, rows.get(i)[2]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return ids;
  }

  private void updateSubjectPatient(Connection c, long subjectId, InstanceRow row,
      boolean overwrite) throws SQLException {
    InstanceRecord r = row.record();
    String sql = overwrite
        ? "UPDATE subject SET patient_id_hash = ?, patient_id = ?, patient_name = ?,"
            + " patient_sex = ?, patient_age = ? WHERE id = ?"
        : "UPDATE subject SET patient_id_hash = COALESCE(patient_id_hash, ?),"
            + " patient_id = COALESCE(patient_id, ?), patient_name = COALESCE(patient_name, ?),"
            + " patient_sex = COALESCE(patient_sex, ?), patient_age = COALESCE(patient_age, ?)"
            + " WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, row.patientIdHash());
      ps.setString(2, row.patientId());
      ps.setString(3, row.patientName());
      ps.setString(4, r.patientSex());
      ps.setString(5, r.patientAge());
      ps.setLong(6, subjectId);
      ps.executeUpdate();
    }
  }

  private static String updatesOf(String columns, int skipLeading) {
    List<String> names = new ArrayList<>();
    String[] all = columns.split(",");
    for (int i = skipLeading; i < all.length; i++) {
      String name = all[i].trim();
      names.add(name + " = VALUES(" + name + ")");
    }
    return String.join(", ", names);
  }

  /**
   * New instances go through the bulk load when the server allows it; instances already stored
   * (a run that re-reads everything) are updated in place by a multi-row upsert.
   */
  private void insertInstances(Connection c, long cohortId, long subjectId,
      List<InstanceRow> rows, Map<String, Long> seriesIds, List<Long> stackIds,
      Set<String> storedUids) throws SQLException {
    List<Object[]> fresh = new ArrayList<>();
    List<Object[]> stored = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      InstanceRow row = rows.get(i);
      Object[] values = instanceValues(cohortId, subjectId, seriesIds, stackIds.get(i), row);
      (storedUids.contains(row.record().sopInstanceUid()) ? stored : fresh).add(values);
    }
    if (bulkLoad == null) {
      bulkLoad = InstanceBulkLoad.available(c);
    }
    if (bulkLoad) {
      InstanceBulkLoad.load(c, "instance", INSTANCE_COLUMNS, fresh);
    } else {
      upsertInstances(c, fresh);
    }
    upsertInstances(c, stored);
  }

  private static void upsertInstances(Connection c, List<Object[]> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += IN_LIST_CHUNK) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + IN_LIST_CHUNK));
      String tuple = "(" + placeholders(INSTANCE_COLUMN_COUNT) + ")";
      String sql = "INSERT INTO instance (" + INSTANCE_COLUMNS + ") VALUES "
          + String.join(",", java.util.Collections.nCopies(chunk.size(), tuple))
          + " ON DUPLICATE KEY UPDATE " + INSTANCE_UPDATES;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (Object[] values : chunk) {
          for (Object value : values) {
            ps.setObject(p++, value);
          }
        }
        ps.executeUpdate();
      }
    }
  }

  private static Object[] instanceValues(long cohortId, long subjectId,
      Map<String, Long> seriesIds, Long stackId, InstanceRow row) {
    InstanceRecord r = row.record();
    double[] spacing = r.pixelSpacing();
    return new Object[] {cohortId, seriesIds.get(r.seriesInstanceUid()), subjectId, stackId,
        r.sopInstanceUid(), r.sopClassUid(), r.instanceNumber(), joined(r.imagePositionPatient()),
        joined(r.imageOrientationPatient()), r.sliceLocation(), r.rows(), r.columns(),
        spacing != null && spacing.length > 0 ? spacing[0] : null,
        spacing != null && spacing.length > 1 ? spacing[1] : null, r.echoNumbers(), r.echoTime(),
        r.inversionTime(), r.flipAngle(), r.kvp(), r.xRayTubeCurrent(), r.exposure(),
        row.orientation(), row.orientationConfidence(), r.numberOfSlices(), r.seriesType(),
        r.imageType(), r.acquisitionDate(), r.acquisitionTime(), r.numberOfFrames(),
        r.transferSyntaxUid(), r.relativePath(), pathHash(r.relativePath()), r.fileSize()};
  }

  private static String joined(double[] values) {
    if (values == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (double v : values) {
      text.append(text.length() == 0 ? "" : "\\").append(v);
    }
    return text.toString();
  }

  private static void insertErrors(Connection c, long jobId, List<ErrorRow> errors)
      throws SQLException {
    if (errors.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO job_error (job_id, input_path, stage, message) VALUES (?, ?, ?, ?)")) {
      for (ErrorRow error : errors) {
        setAll(ps, jobId, error.inputPath(), error.stage(), error.message());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void updateJob(Connection c, long jobId, JobCounters counters)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE job SET files_found = ?,"
        + " files_imported = ?, files_skipped = ?, files_failed = ? WHERE id = ?")) {
      setAll(ps, counters.found(), counters.imported(), counters.skipped(), counters.failed(),
          jobId);
      ps.executeUpdate();
    }
  }

  /**
   * Plans the stacks of every series the subject's files belong to, writes them, points each
   * instance at its stack and marks the subject complete, in one transaction. Stacks keep their
   * index across runs; a key seen for the first time gets the series' highest index + 1.
   */
  public void completeSubject(long subjectId) throws SQLException {
    inTransaction(c -> {
      StackWriter.replanSubject(c, subjectId);
      markComplete(c, subjectId);
    });
  }

  private static void markComplete(Connection c, long subjectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE subject SET completed_at = CURRENT_TIMESTAMP(3) WHERE id = ?")) {
      ps.setLong(1, subjectId);
      ps.executeUpdate();
    }
  }

  /** Work inside one transaction. */
  interface TransactionWork {
    void run(Connection connection) throws SQLException;
  }

  /**
   * Runs the work in one transaction. Concurrent writers of one cohort (e.g. Nextflow tasks on one
   * server) can deadlock on the unique indexes; MariaDB then rolls one transaction back whole, so
   * it is run again, a few times, after a short pause.
   */
  private void inTransaction(TransactionWork work) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        inOneTransaction(work);
        return;
      } catch (SQLException e) {
        if (attempt == TRANSACTION_ATTEMPTS || !isLockConflict(e)) {
          throw e;
        }
        LOG.warn("Database lock conflict ({}); running the batch again (attempt {} of {})",
            e.getMessage(), attempt + 1, TRANSACTION_ATTEMPTS);
        pauseBeforeAttempt(attempt);
      }
    }
  }

  /** A deadlock (1213) or lock wait timeout (1205): the server rolled the transaction back. */
  static boolean isLockConflict(SQLException e) {
    return e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || "40001".equals(e.getSQLState());
  }

  private static void pauseBeforeAttempt(int attempt) throws SQLException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(50L * attempt, 100L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted before running a rolled-back batch again", e);
    }
  }

  private void inOneTransaction(TransactionWork work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  static void setAll(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }

  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  static long generatedId(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated key returned");
      }
      return keys.getLong(1);
    }
  }
}
