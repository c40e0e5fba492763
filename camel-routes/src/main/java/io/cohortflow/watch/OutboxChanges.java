package io.cohortflow.watch;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbox files and folders written since the S3 outbox mirror last looked ({@link S3Outbox}).
 * Each writer reports what it wrote before the input it wrote for is archived, so the mirror
 * uploads what changed instead of walking the whole outbox, which grows with every series, on
 * every pass. Without an S3 output prefix nothing is kept.
 */
final class OutboxChanges {
  private final boolean kept;
  private final Set<Path> written = ConcurrentHashMap.newKeySet();

  private OutboxChanges(boolean kept) {
    this.kept = kept;
  }

  /** Changes kept for an S3 outbox mirror. */
  static OutboxChanges kept() {
    return new OutboxChanges(true);
  }

  /** No mirror: nothing is kept. */
  static OutboxChanges ignored() {
    return new OutboxChanges(false);
  }

  /** Reports files, or folders whose files are all to be looked at, as written. */
  void written(Collection<Path> filesOrFolders) {
    if (kept) {
      written.addAll(filesOrFolders);
    }
  }

  /** The paths reported since the last call, now forgotten. */
  List<Path> take() {
    List<Path> taken = List.copyOf(written);
    written.removeAll(taken);
    return taken;
  }
}
