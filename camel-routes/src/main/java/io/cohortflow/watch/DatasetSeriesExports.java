package io.cohortflow.watch;

import io.cohortflow.store.CohortExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-series stacks CSVs of one dataset drop ({@code OUTBOX/datasets/NAME/series/UID.csv}),
 * written on a thread of their own while the import goes on: a subject's series once the subject
 * is committed, the series of several subjects in one query when the exports fall behind.
 * {@link #finish} waits for that work, then writes whatever it did not (an export that failed, the
 * series of subjects a resumed run skipped as complete), so that every series of the cohort has
 * its file once the dataset is done.
 */
final class DatasetSeriesExports {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetSeriesExports.class);
  /** Series per export query (their UIDs are its parameters). */
  private static final int SERIES_PER_EXPORT = 1000;

  private final CohortExporter exporter;
  private final String cohort;
  private final Path dir;
  private final Executor thread;
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final List<String> queued = new ArrayList<>();
  private boolean draining;

  /**
   * @param dir the folder of the series files
   * @param thread where the exports run while the import goes on (one thread)
   */
  DatasetSeriesExports(CohortExporter exporter, String cohort, Path dir, Executor thread) {
    this.exporter = exporter;
    this.cohort = cohort;
    this.dir = dir;
    this.thread = thread;
  }

  /** The series of a subject whose rows and stacks are committed: their files can be written. */
  synchronized void committed(List<String> seriesUids) {
    queued.addAll(seriesUids);
    if (!draining && !queued.isEmpty()) {
      draining = true;
      thread.execute(this::drain);
    }
  }

  /** Waits for the background exports, then writes the file of every series still without one. */
  void finish() throws SQLException, IOException, CohortExporter.UnknownCohortException,
      InterruptedException {
    synchronized (this) {
      while (draining) {
        wait();
      }
    }
    List<String> missing = new ArrayList<>(exporter.seriesUids(cohort));
    missing.removeAll(written);
    write(missing);
  }

  private void drain() {
    while (true) {
      List<String> batch;
      synchronized (this) {
        if (queued.isEmpty()) {
          draining = false;
          notifyAll();
          return;
        }
        batch = new ArrayList<>(queued);
        queued.clear();
      }
      try {
        write(batch);
      } catch (SQLException | IOException | CohortExporter.UnknownCohortException
          | RuntimeException e) {
        // finish() writes them, or fails the dataset with the same cause
        LOG.debug("Series files of dataset {} left for its end: {}", cohort, e.getMessage());
      }
    }
  }

  private void write(List<String> uids)
      throws SQLException, IOException, CohortExporter.UnknownCohortException {
    for (int from = 0; from < uids.size(); from += SERIES_PER_EXPORT) {
      Map<String, Path> files = SeriesIngest.seriesCsvs(dir,
          uids.subList(from, Math.min(uids.size(), from + SERIES_PER_EXPORT)));
      exporter.exportSeriesStacks(cohort, files);
      written.addAll(files.keySet());
    }
  }
}
