package io.cohortflow.watch;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a dataset whose ingestion failed may be taken again. A failed dataset keeps its marker in
 * the inbox, so that it is resumed once the cause is gone; without a pause, one that fails for a
 * reason that does not go away by itself (a header the database refuses, a bug) would be taken on
 * every poll, each attempt adding a failed {@code job} row. As the dataset consumer's filter, this
 * class holds a failed dataset's marker back for {@code dataset-retry-delay}, doubled after each
 * further failure up to {@code dataset-retry-max-delay}; a success forgets the failures. The
 * record is in memory: a restart takes every waiting dataset at once.
 */
final class DatasetRetries implements GenericFileFilter<File> {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetRetries.class);
  static final String REGISTRY_NAME = "cohortflowDatasetRetries";

  private final long firstDelay;
  private final long maxDelay;
  private final Clock clock;
  private final Map<Path, Waiting> waiting = new ConcurrentHashMap<>();

  private record Waiting(int failures, long notBefore) {}

  DatasetRetries(long firstDelay, long maxDelay, Clock clock) {
    this.firstDelay = firstDelay;
    this.maxDelay = Math.max(firstDelay, maxDelay);
    this.clock = clock;
  }

  @Override
  public boolean accept(GenericFile<File> file) {
    if (file.isDirectory()) {
      return true;
    }
    Waiting entry = waiting.get(key(file.getFile().toPath()));
    return entry == null || clock.millis() >= entry.notBefore();
  }

  /** Records a failed attempt at the dataset of {@code marker}; returns the pause, in ms. */
  long failed(Path marker) {
    Waiting entry = waiting.compute(key(marker), (path, before) -> {
      int failures = before == null ? 1 : before.failures() + 1;
      return new Waiting(failures, clock.millis() + delay(failures));
    });
    long pause = delay(entry.failures());
    LOG.warn("Dataset {} failed (attempt {}); its marker stays in the inbox and it is taken again"
        + " in {} s", marker.getParent(), entry.failures(), String.format("%.1f", pause / 1000.0));
    return pause;
  }

  /** Forgets the failures of the dataset of {@code marker}: it was ingested. */
  void succeeded(Path marker) {
    waiting.remove(key(marker));
  }

  private long delay(int failures) {
    long delay = firstDelay;
    for (int i = 1; i < failures && delay < maxDelay; i++) {
      delay = delay > maxDelay / 2 ? maxDelay : delay * 2;
    }
    return delay;
  }

  private static Path key(Path marker) {
    return marker.toAbsolutePath().normalize();
  }
}
