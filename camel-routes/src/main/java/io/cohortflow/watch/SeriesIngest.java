package io.cohortflow.watch;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.HeaderReader;
import io.cohortflow.extraction.InvalidInstanceException;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.store.ExtractionWriter.ErrorRow;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one complete series that trickled in: its files' headers read again from the archive,
 * the instances written in batches of one transaction each (under the same keys and resume rules
 * as {@code cohortflow extract}: a file already imported is skipped, a SOP Instance UID from
 * another file is a conflict), the subject's stacks re-planned, and the series' stack rows written
 * to {@code OUTBOX/series/UID.csv}. Writing the same series again changes nothing, which makes
 * redelivery safe.
 */
public final class SeriesIngest {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesIngest.class);

  private final WatchConfig config;
  private final HeaderReader reader;
  private final PatientIdentifiers identifiers;
  private final ExtractionWriter writer;
  private final CohortExporter exporter;
  private final TrickleJob job;
  private final WatchStatistics statistics;
  private final Map<String, Object> subjectLocks = new ConcurrentHashMap<>();

  SeriesIngest(WatchConfig config, HeaderReader reader, PatientIdentifiers identifiers,
      ExtractionWriter writer, CohortExporter exporter, TrickleJob job,
      WatchStatistics statistics) {
    this.config = config;
    this.reader = reader;
    this.identifiers = identifiers;
    this.writer = writer;
    this.exporter = exporter;
    this.job = job;
    this.statistics = statistics;
  }

  /** Where an intake file is once the file consumer has archived it. */
  Path archived(String relativePath) {
    return AtomicFiles.inside(config.processedArea(), relativePath);
  }

  void ingest(String subjectKey, String seriesUid, List<String> relativePaths)
      throws SQLException, IOException, CohortExporter.UnknownCohortException {
    List<InstanceRow> rows = new ArrayList<>();
    List<ErrorRow> errors = new ArrayList<>();
    for (String relative : relativePaths.stream().distinct().sorted().toList()) {
      try {
        rows.add(CohortExtractor.readRow(reader, locate(relative), relative, identifiers,
            config.storeIdentifiers()));
      } catch (InvalidInstanceException e) {
        errors.add(new ErrorRow(relative, e.stage(), e.getMessage()));
      }
    }
    // Stacks are planned per subject: two series of one subject must not re-plan at once.
    synchronized (subjectLocks.computeIfAbsent(subjectKey, key -> new Object())) {
      long subjectId = job.subjectId(subjectKey);
      int written = 0;
      for (int from = 0; from < Math.max(rows.size(), 1); from += config.batchSize()) {
        List<InstanceRow> batch = rows.subList(from, Math.min(rows.size(),
            from + config.batchSize()));
        written += job.write(subjectId, batch, from == 0 ? errors : List.of()).written();
      }
      writer.completeSubject(subjectId);
      long stacks = exporter.exportSeriesStacks(config.cohort(), seriesUid,
          config.outbox().resolve("series").resolve(safeName(seriesUid) + ".csv"));
      statistics.filesImported.addAndGet(written);
      statistics.filesFailed.addAndGet(errors.size());
      statistics.seriesWritten.incrementAndGet();
      LOG.info("Series {} of subject {}: {} files, {} imported, {} failed, {} stacks",
          seriesUid, subjectKey, relativePaths.size(), written, errors.size(), stacks);
    }
  }

  private Path locate(String relativePath) {
    Path archived = archived(relativePath);
    return Files.exists(archived) ? archived : AtomicFiles.inside(config.inbox(), relativePath);
  }

  /** A UID as a file name: UIDs are digits and dots; anything else is replaced. */
  static String safeName(String uid) {
    return uid.replaceAll("[^0-9A-Za-z._-]", "_");
  }
}
