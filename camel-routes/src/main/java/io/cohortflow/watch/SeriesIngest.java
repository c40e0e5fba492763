package io.cohortflow.watch;

import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes complete series that trickled in, several series of one subject at a time: the rows read
 * at intake written in batches of one transaction each (under the same keys and resume rules as
 * {@code cohortflow extract}: a file already imported is skipped, a SOP Instance UID from another
 * file is a conflict), the last batch also planning the subject's stacks, each series' stack rows
 * written to {@code OUTBOX/series/UID.csv}, and only then the files moved from the pending area
 * to {@code processed/}. Writing the same series again changes nothing, which makes redelivery
 * and a restart between the commit and the move safe.
 */
public final class SeriesIngest {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesIngest.class);

  private final WatchConfig config;
  private final CohortExporter exporter;
  private final ImportJob job;
  private final WatchStatistics statistics;
  private final PendingFiles pending;
  private final EmptyFolders emptyFolders;
  private final OutboxChanges outboxChanges;
  private final Map<String, Object> subjectLocks = new ConcurrentHashMap<>();

  /**
   * @param emptyFolders told of the inbox folders whose files were written, or null
   * @param outboxChanges told of the series CSVs written
   */
  SeriesIngest(WatchConfig config, CohortExporter exporter, ImportJob job,
      WatchStatistics statistics, PendingFiles pending, EmptyFolders emptyFolders,
      OutboxChanges outboxChanges) {
    this.config = config;
    this.exporter = exporter;
    this.job = job;
    this.statistics = statistics;
    this.pending = pending;
    this.emptyFolders = emptyFolders;
    this.outboxChanges = outboxChanges;
  }

  /** Writes complete series of one subject, then archives their files. */
  void ingest(List<CollectedSeries> seriesOfSubject)
      throws SQLException, IOException, CohortExporter.UnknownCohortException {
    String subjectKey = seriesOfSubject.get(0).subjectKey();
    List<InstanceRow> rows = new ArrayList<>();
    seriesOfSubject.forEach(s -> rows.addAll(s.rows()));
    rows.sort(Comparator.comparing(r -> r.record().relativePath()));
    // Stacks are planned per subject: two writes of one subject must not re-plan at once.
    synchronized (subjectLocks.computeIfAbsent(subjectKey, key -> new Object())) {
      long subjectId = job.subjectId(subjectKey);
      int written = 0;
      int conflicts = 0;
      // The last batch completes the subject in its own transaction: when these are the
      // subject's first rows, their stacks are planned before the insert, so each instance row is
      // written once instead of inserted and then pointed at its stack.
      for (int from = 0; from < rows.size(); from += config.batchSize()) {
        int to = Math.min(rows.size(), from + config.batchSize());
        ExtractionWriter.BatchResult result = job.write(subjectId, rows.subList(from, to),
            List.of(), 0, to == rows.size());
        written += result.written();
        conflicts += result.conflicts();
      }
      Map<String, Path> csvFiles = seriesCsvs(config.outbox().resolve("series"),
          seriesOfSubject.stream().map(CollectedSeries::seriesInstanceUid).toList());
      Map<String, Long> stacks = exporter.exportSeriesStacks(config.cohort(), csvFiles);
      outboxChanges.written(csvFiles.values());
      for (CollectedSeries series : seriesOfSubject) {
        LOG.info("Series {} of subject {}: {} files, {} stacks", series.seriesInstanceUid(),
            subjectKey, series.rows().size(), stacks.get(series.seriesInstanceUid()));
      }
      if (conflicts > 0) {
        LOG.warn("Subject {}: {} files not imported, their SOP Instance UID is already imported"
            + " from another file (see job_error)", subjectKey, conflicts);
      }
      statistics.filesImported.addAndGet(written);
      statistics.filesFailed.addAndGet(conflicts);
      statistics.seriesWritten.addAndGet(seriesOfSubject.size());
    }
    for (CollectedSeries series : seriesOfSubject) {
      pending.archive(series.relativePaths());
      if (emptyFolders != null) {
        emptyFolders.emptied(series.folders());
      }
    }
  }

  /** Lets the next poll take the series' files again (their write failed for good, for now). */
  void release(List<CollectedSeries> seriesOfSubject) throws IOException {
    int files = 0;
    for (CollectedSeries series : seriesOfSubject) {
      pending.release(series.relativePaths());
      files += series.rows().size();
    }
    LOG.warn("Could not write {} series of subject {} ({} files); their files stay in the inbox"
        + " and are taken again", seriesOfSubject.size(), seriesOfSubject.get(0).subjectKey(),
        files);
  }

  /**
   * The stacks CSV of series {@code uid} in {@code dir}, for the trickle and the dataset outputs
   * alike: UIDs are digits and dots; anything else is replaced in the file name.
   */
  static Path seriesCsv(Path dir, String uid) {
    return dir.resolve(uid.replaceAll("[^0-9A-Za-z._-]", "_") + ".csv");
  }

  /** Each series' stacks CSV in {@code dir} ({@link #seriesCsv}), by UID, in the given order. */
  static Map<String, Path> seriesCsvs(Path dir, List<String> uids) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String uid : uids) {
      files.put(uid, seriesCsv(dir, uid));
    }
    return files;
  }
}
