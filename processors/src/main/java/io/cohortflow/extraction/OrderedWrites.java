package io.cohortflow.extraction;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Database work of one extraction run, done on a single thread in submission order while the
 * caller gathers the next batch. At most a few writes wait at a time, so memory stays bounded.
 * Once a write fails, the writes queued after it are skipped: a subject must never be marked
 * complete after one of its batches was rolled back, or resume would skip the missing files.
 */
final class OrderedWrites implements AutoCloseable {
  /** A piece of database work. */
  interface Write {
    void run() throws SQLException;
  }

  private static final int MAX_PENDING = 2;

  private final ExecutorService thread;
  private final Deque<Future<Void>> pending = new ArrayDeque<>();
  private volatile boolean failed;

  OrderedWrites(ThreadFactory threads) {
    this.thread = Executors.newSingleThreadExecutor(threads);
  }

  /** Queues {@code write}, first waiting for older writes when too many are pending. */
  void submit(Write write) throws SQLException, InterruptedException {
    while (pending.size() >= MAX_PENDING) {
      awaitOldest();
    }
    pending.add(thread.submit(() -> {
      if (!failed) {
        try {
          write.run();
        } catch (SQLException | RuntimeException e) {
          failed = true;
          throw e;
        }
      }
      return null;
    }));
  }

  /** Waits for every pending write; rethrows the first failure. */
  void drain() throws SQLException, InterruptedException {
    while (!pending.isEmpty()) {
      awaitOldest();
    }
  }

  /** After a failure elsewhere: skips what is still queued and waits for the running write. */
  void abandon() throws InterruptedException {
    failed = true;
    while (!pending.isEmpty()) {
      try {
        pending.poll().get();
      } catch (ExecutionException e) {
        // The caller is already failing with its own error; this one adds nothing.
      }
    }
  }

  /** Lets the queued writes finish (a minute at most); an interrupt is kept for the caller. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitOldest() throws SQLException, InterruptedException {
    try {
      pending.poll().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("database write failed", cause);
    }
  }
}
