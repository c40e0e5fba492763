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
 * The {@code job} row of one watch service run over the trickle cohort: every series write and
 * every refused file is recorded under it, with counters committed in the same transaction as the
 * rows they count (as {@code cohortflow extract} does).
 */
final class TrickleJob {
  private final ExtractionWriter writer;
  private final long cohortId;
  private final long jobId;
  private final Map<String, Long> subjectIds = new ConcurrentHashMap<>();
  private long found;
  private long imported;
  private long failed;

  private TrickleJob(ExtractionWriter writer, long cohortId, long jobId) {
    this.writer = writer;
    this.cohortId = cohortId;
    this.jobId = jobId;
  }

  static TrickleJob start(ExtractionWriter writer, WatchConfig config)
      throws SQLException, JsonProcessingException {
    long cohortId = writer.ensureCohort(config.cohort(), config.inbox().toString());
    long jobId = writer.startJob("watch", cohortId, new ObjectMapper().writeValueAsString(
        Map.of("inbox", config.inbox().toString(), "outbox", config.outbox().toString(),
            "workers", config.workers(), "batch_size", config.batchSize(),
            "store_identifiers", config.storeIdentifiers())));
    return new TrickleJob(writer, cohortId, jobId);
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
        new JobCounters(found + 1, imported, 0, failed + 1));
    found++;
    failed++;
  }

  /** One transaction: the rows, the errors and the job counters. */
  synchronized BatchResult write(long subjectId, List<InstanceRow> rows, List<ErrorRow> errors)
      throws SQLException {
    long batchFound = rows.size() + errors.size();
    BatchResult result = writer.writeBatch(jobId, cohortId, subjectId, rows, errors, Set.of(),
        new JobCounters(found + batchFound, imported, 0, failed + errors.size()), false, false);
    found += batchFound;
    imported += result.written();
    failed += errors.size() + result.conflicts();
    return result;
  }

  void finish() throws SQLException {
    synchronized (this) {
      writer.finishJob(jobId, failed > 0 ? "partial" : "succeeded",
          new JobCounters(found, imported, 0, failed));
    }
  }
}
