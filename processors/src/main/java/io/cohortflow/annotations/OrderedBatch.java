package io.cohortflow.annotations;

import io.cohortflow.nifti.NiftiFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded parallel map over files whose output is identical to a sequential run: up to
 * {@code workers} files are read and processed at once, but results are handed to the sink one at
 * a time in input order, so files that write the same name overwrite each other in the same order
 * and the stats rows keep the input order. A failing file is reported and skipped; the run goes on.
 */
final class OrderedBatch {
  /** Reads and processes one file (on a worker thread). */
  interface Job<R> {
    R run(Path file) throws Exception;
  }

  /** Writes one file's result (on the caller's thread, in input order); returns its stats count. */
  interface Sink<R> {
    long accept(Path file, R result) throws Exception;
  }

  private OrderedBatch() {}

  static <R> BatchOutcome run(List<Path> files, int workers, Job<R> job, Sink<R> sink,
      BatchListener listener) throws InterruptedException {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    List<BatchOutcome.FileCount> counts = new ArrayList<>();
    List<BatchOutcome.FileFailure> failures = new ArrayList<>();
    ExecutorService pool = workers == 1 ? null : Executors.newFixedThreadPool(workers);
    try {
      Deque<Future<R>> inFlight = new ArrayDeque<>();
      int submitted = 0;
      for (Path file : files) {
        while (submitted < files.size() && inFlight.size() < workers) {
          inFlight.add(submit(pool, job, files.get(submitted++)));
        }
        String failure = null;
        try {
          R result = await(inFlight.removeFirst());
          counts.add(new BatchOutcome.FileCount(file.getFileName().toString(), sink.accept(file, result)));
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          failure = reason(e);
          failures.add(new BatchOutcome.FileFailure(file, failure));
        }
        listener.fileDone(file, failure);
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new BatchOutcome(counts, failures);
  }

  private static <R> Future<R> submit(ExecutorService pool, Job<R> job, Path file) {
    if (pool != null) {
      return pool.submit(() -> job.run(file));
    }
    CompletableFuture<R> done = new CompletableFuture<>();
    try {
      done.complete(job.run(file));
    } catch (Exception | OutOfMemoryError e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  private static <R> R await(Future<R> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof OutOfMemoryError oom) {
        throw new IllegalStateException("out of memory: " + oom.getMessage(), oom);
      }
      throw e;
    }
  }

  /** The reason a file failed, without the path when the exception already names it. */
  static String reason(Exception e) {
    if (e instanceof NiftiFormatException format) {
      return format.reason();
    }
    String message = e.getMessage();
    boolean descriptive = e instanceof AnnotationInputException || e instanceof IOException;
    return descriptive && message != null ? message
        : e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
