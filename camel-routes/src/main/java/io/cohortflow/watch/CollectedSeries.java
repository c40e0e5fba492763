package io.cohortflow.watch;

import io.cohortflow.store.ExtractionWriter.InstanceRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of one series collected from the trickle files so far, kept in memory while the files
 * wait in the inbox (see {@link PendingFiles}); handed to the series writer once complete.
 */
final class CollectedSeries {
  private final String subjectKey;
  private final String seriesInstanceUid;
  private final List<InstanceRow> rows = new ArrayList<>();
  private boolean marked;

  CollectedSeries(String subjectKey, String seriesInstanceUid) {
    this.subjectKey = subjectKey;
    this.seriesInstanceUid = seriesInstanceUid;
  }

  String subjectKey() {
    return subjectKey;
  }

  String seriesInstanceUid() {
    return seriesInstanceUid;
  }

  /** Adds a file's row (a pending file is not taken again, so each file comes once). */
  void add(InstanceRow row) {
    rows.add(row);
  }

  /** A series marker file said the series is complete. */
  void mark() {
    marked = true;
  }

  boolean marked() {
    return marked;
  }

  List<InstanceRow> rows() {
    return rows;
  }

  List<String> relativePaths() {
    return rows.stream().map(r -> r.record().relativePath()).toList();
  }

  /** The folders (relative to the inbox) the series' files came from. */
  Set<String> folders() {
    Set<String> folders = new HashSet<>();
    rows.forEach(r -> folders.add(TrickleIntake.folderOf(r.record().relativePath())));
    return folders;
  }
}
