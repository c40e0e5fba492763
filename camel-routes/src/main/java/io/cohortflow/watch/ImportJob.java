package io.cohortflow.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.store.ExtractionWriter.BatchResult;
import io.cohortflow.store.ExtractionWriter.ErrorRow;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import io.cohortflow.store.ExtractionWriter.JobCounters;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code job} row of one import by the watch service (the run's trickle cohort, or one dataset
 * drop): every batch and every refused file is recorded under it, with counters committed in the
 * same transaction as the rows they count (as {@code cohortflow extract} does).
 */
final class ImportJob {
  private final ExtractionWriter writer;
  private final long cohortId;
  private final long jobId;
  private final Map<String, Long> subjectIds = new ConcurrentHashMap<>();
  private long found;
  private long imported;
  private long skipped;
  private long failed;

  private ImportJob(ExtractionWriter writer, long cohortId, long jobId) {
    this.writer = writer;
    this.cohortId = cohortId;
    this.jobId = jobId;
  }

  /** The job of a service run over the trickle cohort (kind {@code watch}). */
  static ImportJob start(ExtractionWriter writer, WatchConfig config)
      throws SQLException, JsonProcessingException {
    return start(writer, "watch", config.cohort(), config.inbox().toString(),
        new ObjectMapper().writeValueAsString(Map.of("inbox", config.inbox().toString(),
            "outbox", config.outbox().toString(), "workers", config.workers(),
            "batch_size", config.batchSize(), "store_identifiers", config.storeIdentifiers())));
  }

  /** A new job of {@code kind} over cohort {@code cohort} (created if new). */
  static ImportJob start(ExtractionWriter writer, String kind, String cohort, String sourcePath,
      String parametersJson) throws SQLException {
    return start(writer, kind, writer.ensureCohort(cohort, sourcePath), parametersJson);
  }

  /** A new job of {@code kind} over the cohort of id {@code cohortId}. */
  static ImportJob start(ExtractionWriter writer, String kind, long cohortId,
      String parametersJson) throws SQLException {
    return new ImportJob(writer, cohortId, writer.startJob(kind, cohortId, parametersJson));
  }

  long cohortId() {
    return cohortId;
  }

  long jobId() {
    return jobId;
  }

  long subjectId(String subjectKey) throws SQLException {
    Long known = subjectIds.get(subjectKey);
    if (known == null) {
      known = writer.ensureSubject(cohortId, subjectKey).id();
      subjectIds.put(subjectKey, known);
    }
    return known;
  }

  synchronized void recordFailure(String relativePath, String stage, String message)
      throws SQLException {
    writer.recordErrors(jobId, List.of(new ErrorRow(relativePath, stage, message)),
        new JobCounters(found + 1, imported, skipped, failed + 1));
    found++;
    failed++;
  }

  /** One transaction: the rows, the errors and the job counters. */
  BatchResult write(long subjectId, List<InstanceRow> rows, List<ErrorRow> errors)
      throws SQLException {
    return write(subjectId, rows, errors, 0, false);
  }

  /**
   * One transaction: the rows, the errors, {@code skippedFiles} more files skipped as imported
   * before, the job counters and, with {@code completesSubject}, the subject's stacks.
   */
  synchronized BatchResult write(long subjectId, List<InstanceRow> rows, List<ErrorRow> errors,
      long skippedFiles, boolean completesSubject) throws SQLException {
    long batchFound = rows.size() + errors.size() + skippedFiles;
    BatchResult result = writer.writeBatch(jobId, cohortId, subjectId, rows, errors, Set.of(),
        new JobCounters(found + batchFound, imported, skipped + skippedFiles,
            failed + errors.size()), false, completesSubject);
    found += batchFound;
    imported += result.written();
    skipped += skippedFiles;
    failed += errors.size() + result.conflicts();
    return result;
  }

  synchronized JobCounters counters() {
    return new JobCounters(found, imported, skipped, failed);
  }

  /** Closes the job: {@code partial} when a file failed, else {@code succeeded}. */
  synchronized void finish() throws SQLException {
    finish(failed > 0 ? "partial" : "succeeded");
  }

  synchronized void finish(String status) throws SQLException {
    writer.finishJob(jobId, status, counters());
  }
}
