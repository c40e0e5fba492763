package io.cohortflow.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The highest heap use seen while a benchmark phase runs, sampled every 20 ms. Summing each
 * memory pool's own peak overstates it (the pools peak at different times, and the sum can exceed
 * -Xmx), so the whole heap is sampled instead.
 */
final class HeapPeak implements AutoCloseable {
  private static final long PERIOD_MILLIS = 20;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread sampler;
  private volatile long peak;
  private volatile boolean running = true;

  private HeapPeak() {
    sampler = new Thread(this::sample, "cohortflow-heap-peak");
    sampler.setDaemon(true);
  }

  /** Starts sampling, after a collection so that earlier garbage does not count. */
  static HeapPeak start() {
    System.gc();
    HeapPeak heapPeak = new HeapPeak();
    heapPeak.sampler.start();
    return heapPeak;
  }

  /** The peak so far, in bytes. */
  long bytes() {
    return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
  }

  /** The peak so far, in MiB. */
  double mebibytes() {
    return bytes() / 1048576.0;
  }

  /** Stops sampling; an interrupt while waiting for the sampler is kept for the caller. */
  @Override
  public void close() {
    running = false;
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sample() {
    while (running) {
      peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
