package io.cohortflow.watch;

import io.cohortflow.extraction.CohortExtractor;
import io.cohortflow.extraction.HeaderReader;
import io.cohortflow.extraction.InvalidInstanceException;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
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

  /** A series marker's word that one open series is complete. */
  record SeriesMarker(String subjectKey, String seriesInstanceUid) {}

  private final WatchConfig config;
  private final HeaderReader reader;
  private final PatientIdentifiers identifiers;
  private final ImportJob job;
  private final FailedInputs failed;
  private final WatchStatistics statistics;
  private final PendingFiles pending;
  /** Folder (relative to the inbox) → the open series with files from it, for series markers. */
  private final Map<String, Set<String>> openSeries = new ConcurrentHashMap<>();
  /** Folder → files of it taken but not yet collected with their series (or refused). */
  private final Map<String, Integer> unsettled = new ConcurrentHashMap<>();

  TrickleIntake(WatchConfig config, HeaderReader reader, PatientIdentifiers identifiers,
      ImportJob job, FailedInputs failed, WatchStatistics statistics, PendingFiles pending) {
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
      openSeries.compute(folderOf(relativePath), (folder, open) -> {
        Set<String> series = open != null ? open : new HashSet<>();
        series.add(row.record().seriesInstanceUid());
        return series;
      });
      return new Arrival(relative.getName(0).toString(), row);
    } catch (InvalidInstanceException e) {
      refuse(file, relativePath, e.stage(), e.getMessage());
      return null;
    }
  }

  /** A file of {@code folder} is being taken: a series marker there waits until it is settled. */
  void arriving(String folder) {
    unsettled.merge(folder, 1, Integer::sum);
  }

  /** A file of {@code folder} is collected with its series, refused, or left for a later poll. */
  void settled(String folder) {
    unsettled.computeIfPresent(folder, (f, n) -> n == 1 ? null : n - 1);
  }

  /** Whether {@code relativePath} names a series marker file. */
  boolean isSeriesMarker(String relativePath) {
    return Path.of(relativePath).getFileName().toString().equals(config.seriesMarker());
  }

  /**
   * The open series a marker file completes: those with files from the marker's folder. The
   * marker counts only once every other file of its folder has been taken and collected with its
   * series; until then it is left where it is (null) and looked at again by the next poll. A
   * marker that counts is archived.
   */
  List<SeriesMarker> seriesMarked(Path marker, String relativePath) throws IOException {
    Path folder = marker.getParent();
    try (Stream<Path> entries = Files.list(folder)) {
      if (entries.anyMatch(p -> !p.equals(marker) && Files.isRegularFile(p)
          && !p.getFileName().toString().startsWith("."))) {
        return null;
      }
    }
    // Looked at after the listing: a file is counted as arriving before it leaves the folder.
    if (unsettled.containsKey(folderOf(relativePath))) {
      return null;
    }
    String subjectKey = Path.of(relativePath).getName(0).toString();
    List<SeriesMarker> marked = new ArrayList<>();
    openSeries.computeIfPresent(folderOf(relativePath), (key, open) -> {
      open.stream().sorted().forEach(uid -> marked.add(new SeriesMarker(subjectKey, uid)));
      return open;
    });
    AtomicFiles.move(marker, AtomicFiles.inside(config.processedArea(), relativePath));
    LOG.info("Series marker {}: {} open series complete", relativePath, marked.size());
    return marked;
  }

  /** Forgets a series handed to the writer: a later marker in its folders no longer names it. */
  void closed(CollectedSeries series) {
    for (String folder : series.folders()) {
      openSeries.computeIfPresent(folder, (f, open) -> {
        open.remove(series.seriesInstanceUid());
        return open.isEmpty() ? null : open;
      });
    }
  }

  /** The folder of a path relative to the inbox ("" for the inbox itself). */
  static String folderOf(String relativePath) {
    Path parent = Path.of(relativePath).getParent();
    return parent == null ? "" : parent.toString();
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
