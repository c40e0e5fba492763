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
 * inbox, as for {@code cohortflow extract}) and its series (from its header). A file that is not
 * in a subject folder, is not DICOM or lacks its UIDs is refused: a {@code job_error} row and a
 * sidecar in {@code failed/}, where the file consumer then moves it.
 */
final class TrickleIntake {
  private static final Logger LOG = LoggerFactory.getLogger(TrickleIntake.class);
  static final String ROUTE = "trickle-inbox";

  /** Where a file belongs. */
  record Placement(String subjectKey, String seriesInstanceUid) {}

  private final WatchConfig config;
  private final HeaderReader reader;
  private final PatientIdentifiers identifiers;
  private final TrickleJob job;
  private final FailedInputs failed;
  private final WatchStatistics statistics;

  TrickleIntake(WatchConfig config, HeaderReader reader, PatientIdentifiers identifiers,
      TrickleJob job, FailedInputs failed, WatchStatistics statistics) {
    this.config = config;
    this.reader = reader;
    this.identifiers = identifiers;
    this.job = job;
    this.failed = failed;
    this.statistics = statistics;
  }

  /** The file's placement, or null when it was refused (and recorded as such). */
  Placement identify(Path file, String relativePath) throws SQLException, IOException {
    statistics.filesReceived.incrementAndGet();
    Path relative = Path.of(relativePath);
    if (relative.getNameCount() < 2) {
      refuse(relativePath, "discover", "not in a subject folder (the first folder under the"
          + " inbox is the subject)");
      return null;
    }
    try {
      InstanceRow row = CohortExtractor.readRow(reader, file, relativePath, identifiers,
          config.storeIdentifiers());
      return new Placement(relative.getName(0).toString(), row.record().seriesInstanceUid());
    } catch (InvalidInstanceException e) {
      refuse(relativePath, e.stage(), e.getMessage());
      return null;
    }
  }

  private void refuse(String relativePath, String stage, String reason)
      throws SQLException, IOException {
    job.recordFailure(relativePath, stage, reason);
    failed.describe(relativePath, ROUTE, stage, reason);
    statistics.filesFailed.incrementAndGet();
    LOG.warn("Not imported: {} ({}: {})", relativePath, stage, reason);
  }
}
