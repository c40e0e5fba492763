package io.cohortflow.watch;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running watch service, for its periodic throughput line. */
public final class WatchStatistics {
  final AtomicLong filesReceived = new AtomicLong();
  final AtomicLong filesImported = new AtomicLong();
  final AtomicLong filesFailed = new AtomicLong();
  final AtomicLong seriesWritten = new AtomicLong();
  final AtomicLong datasetsIngested = new AtomicLong();
  final AtomicLong masksAnnotated = new AtomicLong();

  /** Files taken from the inbox, counting a file taken again (e.g. after a failed write). */
  public long filesReceived() {
    return filesReceived.get();
  }

  public long filesImported() {
    return filesImported.get();
  }

  public long seriesWritten() {
    return seriesWritten.get();
  }

  public long datasetsIngested() {
    return datasetsIngested.get();
  }

  public long masksAnnotated() {
    return masksAnnotated.get();
  }
}
