package io.cohortflow.watch;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.HeaderReader;
import io.cohortflow.extraction.InvalidInstanceException;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step for a file that trickles into the inbox: its subject (the first folder under the
 * inbox, as for {@code cohortflow extract}) and its row (from its header), which is then
 * collected with its series; the file itself waits in the {@linkplain PendingFiles pending area}
 * until its series is committed. A file that is not in a subject folder, is not DICOM or lacks its
 * UIDs is refused: a {@code job_error} row, then the file and a sidecar in {@code failed/}.
 */
final class TrickleIntake {
  private static final Logger LOG = LoggerFactory.getLogger(TrickleIntake.class);
  static final String ROUTE = "trickle-inbox";

  /** A file taken: its subject and the row its series will write. */
  record Arrival(String subjectKey, InstanceRow row) {}

  private final WatchConfig config;
  private final HeaderReader reader;
  private final PatientIdentifiers identifiers;
  private final TrickleJob job;
  private final FailedInputs failed;
  private final WatchStatistics statistics;
  private final PendingFiles pending;

  TrickleIntake(WatchConfig config, HeaderReader reader, PatientIdentifiers identifiers,
      TrickleJob job, FailedInputs failed, WatchStatistics statistics, PendingFiles pending) {
    this.config = config;
    this.reader = reader;
    this.identifiers = identifiers;
    this.job = job;
    this.failed = failed;
    this.statistics = statistics;
    this.pending = pending;
  }

  /** The file's arrival (now pending), or null when it was refused (and recorded as such). */
  Arrival identify(Path file, String relativePath) throws SQLException, IOException {
    statistics.filesReceived.incrementAndGet();
    Path relative = Path.of(relativePath);
    if (relative.getNameCount() < 2) {
      refuse(file, relativePath, "discover", "not in a subject folder (the first folder under"
          + " the inbox is the subject)");
      return null;
    }
    try {
      InstanceRow row = CohortExtractor.readRow(reader, file, relativePath, identifiers,
          config.storeIdentifiers());
      pending.take(file, relativePath);
      return new Arrival(relative.getName(0).toString(), row);
    } catch (InvalidInstanceException e) {
      refuse(file, relativePath, e.stage(), e.getMessage());
      return null;
    }
  }

  private void refuse(Path file, String relativePath, String stage, String reason)
      throws SQLException, IOException {
    // The job_error row first: when the database is away the file stays for a later poll.
    job.recordFailure(relativePath, stage, reason);
    failed.move(file, relativePath, ROUTE, stage, reason);
    statistics.filesFailed.incrementAndGet();
    LOG.warn("Not imported: {} ({}: {})", relativePath, stage, reason);
  }
}
