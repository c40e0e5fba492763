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
  /** How long a series marker waits for the files of its folder that are being read. */
  static final long SETTLE_WAIT_MS = 5_000;

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
  /** Notified when a folder's last unsettled file settles. */
  private final Object settling = new Object();

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
    if (unsettled.computeIfPresent(folder, (f, n) -> n == 1 ? null : n - 1) == null) {
      synchronized (settling) {
        settling.notifyAll();
      }
    }
  }

  /**
   * Whether every file of {@code folder} taken so far has settled, waiting at most
   * {@link #SETTLE_WAIT_MS} for the last of them. A marker queued behind its folder's files
   * finds them being read by the other workers; waiting here saves leaving it for the next poll,
   * by when the aggregator may have written part of the subject without the marker's series.
   */
  private boolean settle(String folder) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_WAIT_MS * 1_000_000;
    synchronized (settling) {
      while (unsettled.containsKey(folder)) {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
          return false;
        }
        settling.wait(remaining);
      }
    }
    return true;
  }

  /**
   * Whether {@code relativePath} names a series marker file in a subject folder (one directly in
   * the inbox is refused like any file there).
   */
  boolean isSeriesMarker(String relativePath) {
    Path relative = Path.of(relativePath);
    return relative.getNameCount() > 1
        && relative.getFileName().toString().equals(config.seriesMarker());
  }

  /**
   * The open series a marker file completes: those with files from the marker's folder. The
   * marker counts only once every other file of its folder has been taken and collected with its
   * series: it waits for the files of its folder being read, and while the folder still holds
   * files not taken it is left where it is (null) and looked at again by the next poll. A marker
   * that counts is archived.
   */
  List<SeriesMarker> seriesMarked(Path marker, String relativePath)
      throws IOException, InterruptedException {
    // Settled before the listing: a file is counted as arriving before it leaves the folder.
    if (!settle(folderOf(relativePath))) {
      return null;
    }
    Path folder = marker.getParent();
    try (Stream<Path> entries = Files.list(folder)) {
      if (entries.anyMatch(p -> !p.equals(marker) && Files.isRegularFile(p)
          && !p.getFileName().toString().startsWith("."))) {
        return null;
      }
    }
    String subjectKey = Path.of(relativePath).getName(0).toString();
    List<SeriesMarker> marked = new ArrayList<>();
    openSeries.computeIfPresent(folderOf(relativePath), (key, open) -> {
      open.stream().sorted().forEach(uid -> marked.add(new SeriesMarker(subjectKey, uid)));
      return open;
    });
    AtomicFiles.move(marker, AtomicFiles.inside(config.processedArea(), relativePath));
    // Each series it completes gets its own line once written; one that completes nothing is
    // worth a line of its own (a marker written twice, or before its folder's files).
    if (marked.isEmpty()) {
      LOG.info("Series marker {}: no open series to complete", relativePath);
    } else {
      LOG.debug("Series marker {}: {} open series complete", relativePath, marked.size());
    }
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
